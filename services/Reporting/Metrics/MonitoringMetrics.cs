using System.Diagnostics.Metrics;
using Npgsql;

namespace PerfPlatform.Reporting.Metrics;

/// <summary>
/// Monitoring gauges: forms by state per round (labelled by division, year and the round's as-of date — a few rounds a
/// year, so the label sets stay bounded) and open rectifications by division, department and year, refreshed from the
/// read model in the background like <see cref="BusinessMetrics"/>.
/// </summary>
public sealed class MonitoringMetrics : BackgroundService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<MonitoringMetrics> _logger;
    private volatile Snapshot _snapshot = new([], []);

    private sealed record RoundForms(string Division, int Year, string AsOf, string Status, long Forms);
    private sealed record OpenRectifications(string Division, string Department, int Year, long Forms);
    private sealed record Snapshot(IReadOnlyList<RoundForms> Forms, IReadOnlyList<OpenRectifications> Open);

    public MonitoringMetrics(NpgsqlDataSource dataSource, IMeterFactory meters, ILogger<MonitoringMetrics> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        var meter = meters.Create("PerfPlatform.Reporting");
        meter.CreateObservableGauge("perf_monitoring_forms", () => _snapshot.Forms.Select(f => new Measurement<long>(f.Forms,
            [new("division", f.Division), new("year", f.Year.ToString()), new("as_of", f.AsOf), new("status", f.Status)])),
            description: "Monitoring forms (双监控) per round by status; filed = submitted + accepted");
        meter.CreateObservableGauge("perf_monitoring_rectifications_open", () => _snapshot.Open.Select(o => new Measurement<long>(o.Forms,
            [new("division", o.Division), new("department", o.Department), new("year", o.Year.ToString())])),
            description: "Monitoring forms needing rectification not yet reported done");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        GaugeRefresh.RunAsync(async ct => _snapshot = await ReadAsync(ct), _logger, "Monitoring metrics", stoppingToken);

    private async Task<Snapshot> ReadAsync(CancellationToken ct)
    {
        var forms = new List<RoundForms>();
        await using (var cmd = _dataSource.CreateCommand("""
            SELECT r.division_code, r.year, to_char(r.as_of, 'YYYY-MM-DD'), f.status, count(*)
            FROM rm_monitoring_forms f JOIN rm_monitoring_rounds r ON r.id = f.round_id
            GROUP BY r.division_code, r.year, r.as_of, f.status
            """))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                forms.Add(new RoundForms(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        var open = new List<OpenRectifications>();
        await using (var cmd = _dataSource.CreateCommand("""
            SELECT division_code, left(unit_code, 3), year, count(*) FROM rm_monitoring_forms
            WHERE needs_rectification AND NOT rectified GROUP BY division_code, left(unit_code, 3), year
            """))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                open.Add(new OpenRectifications(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
        return new Snapshot(forms, open);
    }
}
