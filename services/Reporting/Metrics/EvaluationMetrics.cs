using System.Diagnostics.Metrics;
using Npgsql;

namespace PerfPlatform.Reporting.Metrics;

/// <summary>
/// perf_evaluations: self-evaluations by final grade and status, labelled by division, department and year (bounded:
/// four grades, three states). Refreshed in the background from the read model, as the other business gauges are.
/// </summary>
public sealed class EvaluationMetrics : BackgroundService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<EvaluationMetrics> _logger;
    private volatile IReadOnlyList<Measurement<double>> _snapshot = [];

    public EvaluationMetrics(NpgsqlDataSource dataSource, IMeterFactory meters, ILogger<EvaluationMetrics> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        meters.Create("PerfPlatform.Reporting").CreateObservableGauge("perf_evaluations", () => _snapshot,
            description: "Self-evaluations (绩效自评) by final grade and status");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        GaugeRefresh.RunAsync(async ct => _snapshot = await ReadAsync(ct), _logger, "Evaluation metrics", stoppingToken);

    private async Task<IReadOnlyList<Measurement<double>>> ReadAsync(CancellationToken ct)
    {
        var result = new List<Measurement<double>>();
        await using var cmd = _dataSource.CreateCommand("""
            SELECT division_code, department_code, year, final_grade, status, count(*)
            FROM rm_evaluations GROUP BY division_code, department_code, year, final_grade, status
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new Measurement<double>(reader.GetInt64(5),
            [
                new("division", reader.GetString(0)), new("department", reader.GetString(1)), new("year", reader.GetInt32(2).ToString()),
                new("grade", reader.GetString(3)), new("status", reader.GetString(4)),
            ]));
        return result;
    }
}
