using System.Diagnostics.Metrics;
using Npgsql;

namespace PerfPlatform.Reporting.Metrics;

/// <summary>
/// Target-check findings per rule, for dashboards of data quality: labelled by division, year, rule id and severity
/// (the rule ids are the check catalogue's, so the label sets stay bounded). Refreshed in the background like
/// <see cref="BusinessMetrics"/>; scrapes read the last snapshot.
/// </summary>
public sealed class RuleMetrics : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<RuleMetrics> _logger;
    private volatile IReadOnlyList<Row> _rows = [];

    private sealed record Row(string Division, int Year, string Rule, string Severity, long Findings, long Projects);

    public RuleMetrics(NpgsqlDataSource dataSource, IMeterFactory meters, ILogger<RuleMetrics> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        var meter = meters.Create("PerfPlatform.Reporting.Quality");
        meter.CreateObservableGauge("perf_rule_findings", () => _rows.Select(r => Measure(r.Findings, r)),
            description: "Target check findings by rule id and severity");
        meter.CreateObservableGauge("perf_rule_projects", () => _rows.Select(r => Measure(r.Projects, r)),
            description: "Projects whose indicator set breaks the rule");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { _rows = await ReadAsync(stoppingToken); }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                _logger.LogWarning("Rule metrics not refreshed: {Error}", e.Message);
            }
            try { await Task.Delay(Interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    private async Task<IReadOnlyList<Row>> ReadAsync(CancellationToken ct)
    {
        var rows = new List<Row>();
        await using var cmd = _dataSource.CreateCommand("""
            SELECT p.division_code, p.year, r.rule_id, r.severity, sum(r.findings)::bigint, count(DISTINCT p.code)::bigint
            FROM rm_indicator_set_rules r JOIN rm_projects p ON p.code = r.project_code
            GROUP BY p.division_code, p.year, r.rule_id, r.severity
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new Row(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5)));
        return rows;
    }

    private static Measurement<double> Measure(long value, Row r) => new(value,
    [
        new("division", r.Division), new("year", r.Year.ToString()), new("rule", r.Rule), new("severity", r.Severity),
    ]);
}
