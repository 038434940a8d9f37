using System.Diagnostics.Metrics;
using Npgsql;

namespace PerfPlatform.Reporting.Metrics;

/// <summary>
/// Business gauges for dashboards, labelled by division, department and year only (never per project, so the label
/// sets stay bounded), and the target checks' findings per rule, labelled by division, year, rule id and severity (the
/// check catalogue's ids, so bounded too). A background refresh reads the read model — the counts, money and findings
/// from the summary's department rows (rm_summary, level 1), never a scan of the province's projects — and scrapes read the last
/// snapshot.
/// </summary>
public sealed class BusinessMetrics : BackgroundService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<BusinessMetrics> _logger;
    private volatile Snapshot _snapshot = new([], [], [], [], []);

    private sealed record Scope(string Division, string Department, int Year);
    private sealed record Money(Scope Scope, long BudgetFen, long SpentFen);
    private sealed record Count(Scope Scope, string Label, long Value);
    private sealed record RuleCount(string Division, int Year, string Rule, string Severity, long Findings, long Projects);
    private sealed record Snapshot(IReadOnlyList<Count> Projects, IReadOnlyList<Money> Money, IReadOnlyList<Count> Warnings,
        IReadOnlyList<Count> Findings, IReadOnlyList<RuleCount> Rules);

    public BusinessMetrics(NpgsqlDataSource dataSource, IMeterFactory meters, ILogger<BusinessMetrics> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        var meter = meters.Create("PerfPlatform.Reporting");
        meter.CreateObservableGauge("perf_projects", () => _snapshot.Projects.Select(c => Measure(c.Value, c.Scope, ("status", c.Label))),
            description: "Projects by status");
        // Fen, as stored: a double holds whole fen exactly below 2^53 (9×10^13 yuan), so dashboard sums stay exact;
        // panels divide by 100 (yuan) or 1e6 (万元) for display.
        meter.CreateObservableGauge("perf_budget_fen", () => _snapshot.Money.Select(m => Measure(m.BudgetFen, m.Scope)),
            "fen", "Budget (预算数) in fen");
        meter.CreateObservableGauge("perf_spent_fen", () => _snapshot.Money.Select(m => Measure(m.SpentFen, m.Scope)),
            "fen", "Disbursed (已支出) in fen");
        meter.CreateObservableGauge("perf_execution_ratio", () => _snapshot.Money.Select(m =>
            Measure(m.BudgetFen == 0 ? 0 : (double)m.SpentFen / m.BudgetFen, m.Scope)), description: "Spent ÷ budget");
        meter.CreateObservableGauge("perf_open_warnings", () => _snapshot.Warnings.Select(c => Measure(c.Value, c.Scope, ("level", c.Label))),
            description: "Open spending warnings (预警) by level");
        meter.CreateObservableGauge("perf_lint_findings", () => _snapshot.Findings.Select(c => Measure(c.Value, c.Scope, ("severity", c.Label))),
            description: "Target linter findings by severity");
        meter.CreateObservableGauge("perf_rule_findings", () => _snapshot.Rules.Select(r => Measure(r.Findings, r)),
            description: "Target check findings by rule id and severity");
        meter.CreateObservableGauge("perf_rule_projects", () => _snapshot.Rules.Select(r => Measure(r.Projects, r)),
            description: "Projects whose indicator set breaks the rule");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        GaugeRefresh.RunAsync(RefreshAsync, _logger, "Business metrics", stoppingToken);

    public async Task RefreshAsync(CancellationToken ct) => _snapshot = await ReadAsync(ct);

    private async Task<Snapshot> ReadAsync(CancellationToken ct)
    {
        const string scope = "division_code, department_code, year";
        var projects = await Counts($"SELECT {scope}, status, sum(projects)::bigint FROM rm_summary WHERE level = 1 GROUP BY {scope}, status", ct);
        var warnings = await Counts(
            "SELECT p.division_code, p.department_code, p.year, w.level, count(*) FROM rm_warnings w JOIN rm_projects p ON p.code = w.project_code " +
            "GROUP BY p.division_code, p.department_code, p.year, w.level", ct);
        var findings = await Counts($"""
            SELECT {scope}, f.severity, sum(f.n)::bigint FROM rm_summary
            CROSS JOIN LATERAL (VALUES ('error', errors), ('warning', warnings), ('info', infos)) AS f (severity, n)
            WHERE level = 1 GROUP BY {scope}, f.severity
            """, ct);
        var money = new List<Money>();
        await using (var cmd = _dataSource.CreateCommand(
            $"SELECT {scope}, sum(total_fen)::bigint, sum(spent_fiscal_fen + spent_other_fen)::bigint FROM rm_summary WHERE level = 1 GROUP BY {scope}"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                money.Add(new Money(new Scope(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)), reader.GetInt64(3), reader.GetInt64(4)));
        var rules = new List<RuleCount>();
        await using (var cmd = _dataSource.CreateCommand("""
            SELECT a.division_code, a.year, a.rule_id, s.severity, s.findings::bigint, s.projects::bigint
            FROM rm_quality_rules a
            CROSS JOIN LATERAL (VALUES ('error', a.error_findings, a.error_projects), ('warning', a.warning_findings, a.warning_projects),
                                      ('info', a.info_findings, a.info_projects)) AS s (severity, findings, projects)
            WHERE a.level = 2 AND s.projects > 0
            """))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rules.Add(new RuleCount(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5)));
        return new Snapshot(projects, money, warnings, findings, rules);
    }

    private async Task<List<Count>> Counts(string sql, CancellationToken ct)
    {
        var result = new List<Count>();
        await using var cmd = _dataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new Count(new Scope(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)), reader.GetString(3), reader.GetInt64(4)));
        return result;
    }

    private static Measurement<double> Measure(long value, RuleCount r) => new(value,
    [
        new("division", r.Division), new("year", r.Year.ToString()), new("rule", r.Rule), new("severity", r.Severity),
    ]);

    private static Measurement<double> Measure(double value, Scope scope, params (string Key, string Value)[] extra)
    {
        var tags = new List<KeyValuePair<string, object?>>
        {
            new("division", scope.Division), new("department", scope.Department), new("year", scope.Year.ToString()),
        };
        tags.AddRange(extra.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)));
        return new Measurement<double>(value, tags);
    }
}
