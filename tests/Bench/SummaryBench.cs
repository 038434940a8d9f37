using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Bench;

/// <summary>
/// P4: the finance summary over a generated province-sized year (projects with 15 indicators each, spread over
/// counties, departments and units), written straight into Reporting's read model with binary COPY; timed through the
/// gateway against the same aggregation as an ad-hoc GROUP BY run directly on the tables. Then the data-quality
/// scorecard over the same year, against its sums over the rule findings run directly.
/// </summary>
public sealed class SummaryBench(PlatformStack stack, BenchOptions options)
{
    private const int Year = 2030;
    private const int IndicatorsPerProject = 15;
    private const int ProjectsPerUnit = 70;
    private const int UnitsPerDepartment = 3;
    private const int DepartmentsPerDivision = 34;
    private static readonly string[] Level1 = ["产出指标", "产出指标", "产出指标", "产出指标", "产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "效益指标", "效益指标", "满意度指标", "满意度指标", "产出指标", "效益指标"];

    public async Task<IReadOnlyList<Figure>> RunAsync()
    {
        var connectionString = TestEnvironment.PgConnectionString(stack.Database(PlatformStack.Reporting));
        var generated = Stopwatch.StartNew();
        var (projects, indicators) = await GenerateAsync(connectionString);
        generated.Stop();
        // The rows were written straight into the read model, past the projector: its aggregates are recomputed once,
        // as a read-model rebuild would leave them.
        var aggregated = Stopwatch.StartNew();
        await ExecuteAsync(connectionString, "SELECT rm_summary_rebuild(), rm_quality_rebuild(); " +
            "ANALYZE rm_summary; ANALYZE rm_summary_level1; ANALYZE rm_quality; ANALYZE rm_quality_rules;");
        aggregated.Stop();

        var token = stack.FinanceToken("bench-summary");
        var reporting = new ReportingClient(stack.Channel(PlatformStack.Gateway, token));
        // The same requests straight to Reporting's gRPC port: what the gateway's hop adds.
        var direct = new ReportingClient(stack.Channel(PlatformStack.Reporting, token));
        var repetitions = options.Quick ? 10 : 30;
        // The scan it replaces takes seconds a run at full scale: a few runs give its p95.
        var baselineRepetitions = options.Quick ? 3 : 5;
        var figures = new List<Figure>();
        foreach (var groupBy in Groupings)
        {
            var request = new SummaryRequest { Year = Year, GroupBy = groupBy };
            var first = await reporting.GetSummaryAsync(request);
            var service = await TimeAsync(repetitions, () => reporting.GetSummaryAsync(request).ResponseAsync);
            var unrouted = await TimeAsync(repetitions, () => direct.GetSummaryAsync(request).ResponseAsync);
            var scans = await TimeAsync(baselineRepetitions, () => AdHocGroupByAsync(connectionString, groupBy));
            var p95 = RegistrationBench.Percentile(service, 95);
            var baseline = RegistrationBench.Percentile(scans, 95);
            var console = await ConsolePagesAsync(first.Page.TotalSize, repetitions,
                page => reporting.GetSummaryAsync(new SummaryRequest(request) { Page = page }).ResponseAsync);
            figures.Add(new("P4", $"finance summary by {groupBy}, {projects:N0} projects / {indicators:N0} indicators",
                $"p95 {Format.Ms(p95)}", "ad-hoc GROUP BY on the project rows, directly", $"p95 {Format.Ms(baseline)}", baseline / p95,
                $"{service.Length} requests: min {Format.Ms(service.Min())}, p50 {Format.Ms(RegistrationBench.Percentile(service, 50))}, " +
                $"max {Format.Ms(service.Max())}; without the gateway p95 {Format.Ms(RegistrationBench.Percentile(unrouted, 95))}; " +
                $"{first.Rows.Count:N0} of {first.Page.TotalSize:N0} rows, {first.CalculateSize() / 1024.0:0.0} KiB a page; " +
                (console is null ? "" : $"{console}; ") +
                $"generated in {generated.Elapsed.TotalSeconds:0} s, aggregates rebuilt in {aggregated.Elapsed.TotalSeconds:0.0} s")
            {
                P50Ms = RegistrationBench.Percentile(service, 50), P95Ms = p95, P99Ms = RegistrationBench.Percentile(service, 99),
                BaselineP95Ms = baseline,
            });
        }
        figures.AddRange(await QualityAsync(reporting, connectionString, projects, indicators, repetitions, baselineRepetitions));
        return figures;
    }

    private static readonly string[] Groupings = ["division", "department", "unit", "fund_source", "status", "level1"];

    /// <summary>
    /// The data-quality scorecard over the same year, read from its aggregates, against the sums over the filed projects'
    /// rule findings that it computed per request before them.
    /// </summary>
    private static async Task<IEnumerable<Figure>> QualityAsync(ReportingClient reporting, string connectionString, long projects,
        long indicators, int repetitions, int baselineRepetitions)
    {
        var figures = new List<Figure>();
        foreach (var groupBy in (string[])["department", "unit", "rule"])
        {
            // A page of 1,000 rows, as the summary answers its groups.
            var request = new QualityRequest { Year = Year, GroupBy = groupBy, Page = new PageRequest { PageSize = 1000 } };
            var first = await reporting.GetQualityAsync(request);
            var service = await TimeAsync(repetitions, () => reporting.GetQualityAsync(request).ResponseAsync);
            var scans = await TimeAsync(baselineRepetitions, () => AdHocRuleSumsAsync(connectionString, groupBy));
            var (p95, baseline) = (RegistrationBench.Percentile(service, 95), RegistrationBench.Percentile(scans, 95));
            var console = await ConsolePagesAsync(first.Page.TotalSize, repetitions,
                page => reporting.GetQualityAsync(new QualityRequest(request) { Page = page }).ResponseAsync);
            figures.Add(new("P4", $"data-quality scorecard by {groupBy}, {projects:N0} projects / {indicators:N0} indicators",
                $"p95 {Format.Ms(p95)}", "ad-hoc sums of the rule findings, directly", $"p95 {Format.Ms(baseline)}", baseline / p95,
                $"{service.Length} requests: min {Format.Ms(service.Min())}, max {Format.Ms(service.Max())}; " +
                $"{first.Rows.Count:N0} of {first.Page.TotalSize:N0} rows, {first.CalculateSize() / 1024.0:0.0} KiB a page" +
                (console is null ? "" : $"; {console}"))
            {
                P50Ms = RegistrationBench.Percentile(service, 50), P95Ms = p95, P99Ms = RegistrationBench.Percentile(service, 99), BaselineP95Ms = baseline,
            });
        }
        return figures;
    }

    /// <summary>
    /// Where the groups are more than a page of the console (20 rows), the p95 of its first page and of its last, which an
    /// offset makes the database count past every group before it; null otherwise.
    /// </summary>
    private static async Task<string?> ConsolePagesAsync(int total, int repetitions, Func<PageRequest, Task> call)
    {
        const int size = 20;
        if (total <= size) return null;
        var last = ((total - 1) / size * size).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var firstPage = await TimeAsync(repetitions, () => call(new PageRequest { PageSize = size }));
        var lastPage = await TimeAsync(repetitions, () => call(new PageRequest { PageSize = size, PageToken = last }));
        return $"the console's page of {size}: p95 {Format.Ms(RegistrationBench.Percentile(firstPage, 95))} the first, " +
               $"{Format.Ms(RegistrationBench.Percentile(lastPage, 95))} the last";
    }

    /// <summary>Milliseconds of each of n calls, one after the other.</summary>
    private static async Task<double[]> TimeAsync(int n, Func<Task> call)
    {
        var times = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = Stopwatch.StartNew();
            await call();
            times[i] = t.Elapsed.TotalMilliseconds;
        }
        return times;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<(long Projects, long Indicators)> GenerateAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var units = Math.Max(1, options.Scale / ProjectsPerUnit);
        var departments = Math.Max(1, units / UnitsPerDepartment);
        var divisions = Math.Max(1, departments / DepartmentsPerDivision);
        long projects = 0, indicators = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY rm_projects (code, division_code, department_code, unit_code, year, name, purpose, goals, total_fen, fiscal_fen, other_fen, status) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < options.Scale; p++)
            {
                var unit = p / ProjectsPerUnit;
                var department = unit / UnitsPerDepartment;
                var division = Math.Min(department / DepartmentsPerDivision, divisions - 1);
                await writer.StartRowAsync();
                await writer.WriteAsync($"{130000 + division:000000}30{p:0000000000000}");
                await writer.WriteAsync($"{130000 + division:000000}");
                await writer.WriteAsync($"{department % 1000:000}");
                await writer.WriteAsync($"{department % 1000:000}{unit % UnitsPerDepartment + 1:000}");
                await writer.WriteAsync(Year);
                await writer.WriteAsync("生成的项目");
                await writer.WriteAsync("基准测试");
                await writer.WriteAsync("[]", NpgsqlDbType.Jsonb);
                var fen = 100_000L + p % 997 * 10_001L;
                await writer.WriteAsync(fen, NpgsqlDbType.Bigint);
                await writer.WriteAsync(fen, NpgsqlDbType.Bigint);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint);
                await writer.WriteAsync(p % 4 == 0 ? "approved" : "submitted");
                projects++;
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY rm_indicators (project_code, position, level1, level2, name, description, target, basis, target_kind) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < options.Scale; p++)
            {
                var division = Math.Min(p / ProjectsPerUnit / UnitsPerDepartment / DepartmentsPerDivision, divisions - 1);
                for (var i = 0; i < IndicatorsPerProject; i++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync($"{130000 + division:000000}30{p:0000000000000}");
                    await writer.WriteAsync(i);
                    await writer.WriteAsync(Level1[i]);
                    await writer.WriteAsync("数量指标");
                    await writer.WriteAsync($"指标{i}");
                    await writer.WriteAsync("");
                    await writer.WriteAsync("≥90百分比");
                    await writer.WriteAsync("");
                    await writer.WriteAsync("numeric");
                    indicators++;
                }
            }
            await writer.CompleteAsync();
        }
        await using (var cmd = new NpgsqlCommand($"""
            INSERT INTO rm_indicator_sets (project_code, errors, warnings, infos, indicators)
            SELECT code, (hashtext(code) & 3) / 3, hashtext(code) & 1, 2, {IndicatorsPerProject} FROM rm_projects WHERE year = {Year};
            INSERT INTO rm_indicator_set_rules (project_code, rule_id, severity, findings)
            SELECT project_code, 'VAL-01', 'error', errors FROM rm_indicator_sets WHERE errors > 0
            UNION ALL SELECT project_code, 'SEM-01', 'warning', warnings FROM rm_indicator_sets WHERE warnings > 0
            UNION ALL SELECT project_code, 'IND-02', 'info', infos FROM rm_indicator_sets WHERE infos > 0;
            INSERT INTO rm_spending (project_code, spent_fiscal_fen)
            SELECT code, round(total_fen * ((hashtext(code) & 127) / 127.0))::bigint FROM rm_projects WHERE year = {Year};
            ANALYZE;
            """, connection) { CommandTimeout = 0 })
            await cmd.ExecuteNonQueryAsync();
        return (projects, indicators);
    }

    /// <summary>The scorecard's rules as they were summed before its aggregates: per group and rule, over the filed projects.</summary>
    private static Task AdHocRuleSumsAsync(string connectionString, string groupBy)
    {
        var key = groupBy switch
        {
            "department" => "p.division_code || '/' || p.department_code", "unit" => "p.division_code || '/' || p.unit_code", _ => "''",
        };
        return ExecuteAsync(connectionString, $"""
            SELECT {key}, r.rule_id, sum(r.findings), count(DISTINCT p.code), count(DISTINCT p.code) FILTER (WHERE i.errors = 0)
            FROM rm_projects p
            JOIN rm_indicator_sets i ON i.project_code = p.code
            JOIN rm_indicator_set_rules r ON r.project_code = p.code
            WHERE p.year = {Year}
            GROUP BY 1, 2
            """);
    }

    /// <summary>The summary as it was answered before the aggregates: a scan of the year's project rows, grouped.</summary>
    private static async Task AdHocGroupByAsync(string connectionString, string groupBy)
    {
        var key = groupBy switch
        {
            "division" => "p.division_code", "department" => "p.division_code || '/' || p.department_code",
            "unit" => "p.division_code || '/' || p.unit_code", "status" => "p.status", "fund_source" => "'fiscal'", _ => "x.level1",
        };
        var indicators = groupBy == "level1" ? "JOIN rm_indicators x ON x.project_code = p.code" : "";
        await ExecuteAsync(connectionString, $"""
            SELECT {key}, count(DISTINCT p.code), sum(p.total_fen), sum(COALESCE(s.spent_fiscal_fen, 0) + COALESCE(s.spent_other_fen, 0)),
                   sum(COALESCE(i.errors, 0)), sum(COALESCE(i.warnings, 0)), sum(COALESCE(i.infos, 0)), sum(COALESCE(i.indicators, 0))
            FROM rm_projects p
            LEFT JOIN rm_spending s ON s.project_code = p.code
            LEFT JOIN rm_indicator_sets i ON i.project_code = p.code
            {indicators}
            WHERE p.year = {Year}
            GROUP BY 1
            """);
    }
}
