using Npgsql;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Reporting.Tests;

/// <summary>
/// The summary's aggregates, and the data-quality scorecard's, against the GROUP BY over the rows they summarise, to the
/// fen, after random event streams: projects registered and changed (status, budget, approved budget), indicator sets
/// replaced with their findings per rule, payments and their reversals, warnings raised and cleared; each stream
/// shuffled, with events replayed. The stream's seed is in every
/// failure message, to replay it.
/// </summary>
public sealed class SummaryAggregateTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private static readonly (string Department, string Unit)[] Units = [("434", "434001"), ("434", "434002"), ("435", "435001")];
    private static readonly string[] Statuses = ["draft", "submitted", "approved", "returned"];
    private static readonly string[] Level1 = ["产出指标", "效益指标", "满意度指标", "成本指标"];
    private static readonly string[] RuleIds = ["VAL-01", "SEM-01", "IND-02"];
    private static readonly string[] Severities = ["error", "warning", "info"];

    [Theory]
    [InlineData(2071)]
    [InlineData(2072)]
    [InlineData(2073)]
    public async Task Aggregates_equal_the_group_by_after_a_random_stream(int year)
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var (events, perProject) = Stream(random, year, projects: 12);
        await TestBus.PublishAsync(fixture.Stack.VirtualHost, events.ToArray());
        foreach (var (code, count) in perProject) await fixture.WaitForLoggedAsync(code, count);

        await using var connection = await fixture.OpenDatabaseAsync();
        var expected = await Rows(connection, Expected, year);
        Assert.True(expected.Count > 0, $"seed {seed}: nothing filed");
        Same(seed, "rm_summary", expected, await Rows(connection, Aggregated, year));
        Same(seed, "rm_summary_level1", await Rows(connection, ExpectedByLevel1, year), await Rows(connection, AggregatedByLevel1, year));
        var quality = await Rows(connection, ExpectedQuality, year);
        var qualityRules = await Rows(connection, ExpectedQualityRules, year);
        Assert.True(qualityRules.Count > 0, $"seed {seed}: no rule findings");
        Same(seed, "rm_quality", quality, await Rows(connection, AggregatedQuality, year));
        Same(seed, "rm_quality_rules", qualityRules, await Rows(connection, AggregatedQualityRules, year));
        // What migration 0012 and the benchmark fill the scorecard's aggregates with, from the same rows (rolled back).
        await using (var rebuild = await connection.BeginTransactionAsync())
        {
            await using (var cmd = new NpgsqlCommand("SELECT rm_quality_rebuild()", connection, rebuild)) await cmd.ExecuteNonQueryAsync();
            Same(seed, "rm_quality rebuilt", quality, await Rows(connection, AggregatedQuality, year));
            Same(seed, "rm_quality_rules rebuilt", qualityRules, await Rows(connection, AggregatedQualityRules, year));
            await rebuild.RollbackAsync();
        }
        // The whole year (the division rows), a department's drill-down (the department rows), and a caller restricted to
        // two units (the unit rows), each against the GROUP BY over the same projects.
        var restricted = fixture.ReportingFor(fixture.Stack.DepartmentToken("130636", "434001", "435001"));
        var scopes = new (string Name, ReportingClient Client, string Department, string[] Units)[]
        {
            ("year", fixture.Reporting, "", []), ("department 434", fixture.Reporting, "434", []),
            ("units 434001, 435001", restricted, "", ["434001", "435001"]),
        };
        foreach (var (name, client, department, units) in scopes)
        foreach (var groupBy in new[] { "division", "department", "unit", "fund_source", "status", "level1" })
        {
            var summary = await client.GetSummaryAsync(new SummaryRequest
            {
                Year = year, DivisionCode = department.Length > 0 ? "130636" : "", DepartmentCode = department, GroupBy = groupBy,
            });
            Same(seed, $"{groupBy}, {name}", await AdHocSummary(connection, year, groupBy, department, units),
                summary.Rows.Select(Figures).OrderBy(f => f.Key, StringComparer.Ordinal));
            Same(seed, $"{groupBy} total, {name}", await AdHocSummary(connection, year, "total", department, units),
                summary.Total.ProjectCount == 0 ? [] : [Figures(summary.Total) with { Key = "total" }]);
            if (groupBy is "division" or "department" or "unit")
                foreach (var order in new[] { "key", "-key" })
                {
                    // A group a page, each page's groups picked before they are summed: the same rows, in key order either way.
                    var paged = await PerfPlatform.Protos.PagedLists.ReadAllAsync(
                        token => client.GetSummaryAsync(new SummaryRequest
                        {
                            Year = year, DivisionCode = department.Length > 0 ? "130636" : "", DepartmentCode = department, GroupBy = groupBy,
                            OrderBy = order, Page = new() { PageSize = 1, PageToken = token },
                        }).ResponseAsync,
                        page => page.Rows, page => page.Page);
                    var inOrder = summary.Rows.Select(Figures).ToList();
                    if (order == "-key") inOrder.Reverse();
                    Same(seed, $"{groupBy} by {order} a group a page, {name}", inOrder, paged.Select(Figures));
                }
        }
    }

    /// <summary>
    /// The aggregates carry their division, department and unit names (migration 0009): a project filed before its unit
    /// is known shows the key, then the names as they are registered and renamed, and the same after a rebuild. The page
    /// is cut in the database, in key order, with the number of groups.
    /// </summary>
    [Fact]
    public async Task Names_follow_registrations_and_renames_and_survive_a_rebuild()
    {
        const string division = "139901";
        const int year = 2074;
        string[] codes = [$"{division}74NAMES000001", $"{division}74NAMES000002"];
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(codes[0], 1, new ProjectSnapshot(codes[0], division, "501", "501001", year, "名称测试", "测试", [], 100, 100, 0,
                "draft", 1, 1, DateTimeOffset.UtcNow)),
            new ProjectRegistered(codes[1], 1, new ProjectSnapshot(codes[1], division, "501", "501002", year, "名称测试", "测试", [], 300, 300, 0,
                "draft", 1, 1, DateTimeOffset.UtcNow)));
        foreach (var code in codes) await fixture.WaitForLoggedAsync(code, 1);
        Assert.Equal(["139901/501001 139901/501001", "139901/501002 139901/501002"], await Names(year, "unit"));

        await TestBus.PublishAsync(fixture.Stack.VirtualHost, new DivisionRegistered(division, "名称区", 1),
            new DepartmentRegistered(division, "501", "甲局", 1), new UnitRegistered(division, "501001", "501", "甲单位", 1),
            new UnitRegistered(division, "501002", "501", "丙单位", 1));
        await Until(year, "unit", ["139901/501001 甲单位", "139901/501002 丙单位"]);
        await Until(year, "department", ["139901/501 甲局"]);
        await Until(year, "division", ["139901 名称区"]);

        await TestBus.PublishAsync(fixture.Stack.VirtualHost, new UnitRegistered(division, "501001", "501", "乙单位", 2),
            new DepartmentRegistered(division, "501", "乙局", 2), new DivisionRegistered(division, "新名称区", 2));
        await Until(year, "unit", ["139901/501001 乙单位", "139901/501002 丙单位"]);
        await Until(year, "department", ["139901/501 乙局"]);
        await Until(year, "division", ["139901 新名称区"]);

        var (exit, output) = await fixture.Stack[PlatformStack.Reporting].RunCommandAsync("--rebuild");
        Assert.True(exit == 0, output);
        Assert.Equal(["139901/501001 乙单位", "139901/501002 丙单位"], await Names(year, "unit"));
        Assert.Equal(["139901/501 乙局"], await Names(year, "department"));

        // One group a page, biggest first: the database orders and cuts, and counts the groups.
        var first = await fixture.Reporting.GetSummaryAsync(new SummaryRequest
        {
            Year = year, GroupBy = "unit", OrderBy = "-budget", Page = new() { PageSize = 1 },
        });
        Assert.Equal(("139901/501002", 2, "1"), (first.Rows.Single().Key, first.Page.TotalSize, first.Page.NextPageToken));
        var second = await fixture.Reporting.GetSummaryAsync(new SummaryRequest
        {
            Year = year, GroupBy = "unit", OrderBy = "-budget", Page = new() { PageSize = 1, PageToken = "1" },
        });
        Assert.Equal(("139901/501001", 2, ""), (second.Rows.Single().Key, second.Page.TotalSize, second.Page.NextPageToken));
        Assert.Equal(400, second.Total.Budget.TotalFen);
        var past = await fixture.Reporting.GetSummaryAsync(new SummaryRequest
        {
            Year = year, GroupBy = "unit", Page = new() { PageSize = 1, PageToken = "5" },
        });
        Assert.Equal((0, 2), (past.Rows.Count, past.Page.TotalSize));
    }

    private async Task<List<string>> Names(int year, string groupBy) =>
        (await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = year, GroupBy = groupBy })).Rows
        .Select(r => $"{r.Key} {r.Name}").ToList();

    private Task Until(int year, string groupBy, string[] names) =>
        Eventually.Until(() => Names(year, groupBy), n => n.SequenceEqual(names), $"{groupBy} names {string.Join(", ", names)}");

    private static void Same<T>(int seed, string what, IEnumerable<T> expected, IEnumerable<T> actual)
    {
        var (e, a) = (expected.ToList(), actual.ToList());
        Assert.True(e.SequenceEqual(a), $"seed {seed}, {what}:\nexpected {string.Join("\n         ", e)}\nactual   {string.Join("\n         ", a)}");
    }

    /// <summary>A year's events: each project's registration and changes, indicator sets, payments and warnings, shuffled, a fifth replayed.</summary>
    private static (List<object> Events, Dictionary<string, int> PerProject) Stream(Random random, int year, int projects)
    {
        var events = new List<object>();
        for (var p = 0; p < projects; p++)
        {
            var code = $"130636{year % 100:00}AGG{year}{p:000000}";
            var (department, unit) = Units[random.Next(Units.Length)];
            var versions = random.Next(1, 5);
            for (var v = 1; v <= versions; v++)
            {
                var fiscal = random.Next(3) == 0 ? 0 : random.NextInt64(1, 5_000_000_00);
                var other = random.Next(2) == 0 ? 0 : random.NextInt64(1, 1_000_000_00);
                BudgetFen? approved = random.Next(3) == 0 ? new BudgetFen(fiscal / 2 + other, fiscal / 2, other) : null;
                var snapshot = new ProjectSnapshot(code, "130636", department, unit, year, "聚合测试项目", "测试", ["1.完成支出"],
                    fiscal + other, fiscal, other, Statuses[random.Next(Statuses.Length)], v, v, DateTimeOffset.UtcNow, approved);
                events.Add(v == 1 ? new ProjectRegistered(code, 1, snapshot) : new ProjectChanged(code, v, ProjectChanges.Edited, snapshot));
            }
            for (var v = 1; v <= random.Next(0, 4); v++)
            {
                var indicators = Enumerable.Range(0, random.Next(0, 7)).Select(_ => new IndicatorSnapshot(
                    Level1[random.Next(Level1.Length)], "数量指标", "指标", "描述", "≥1人", "依据", "numeric",
                    new FindingCounts(random.Next(3), random.Next(3), random.Next(3)))).ToList();
                // A rule may come under two severities in one set.
                var rules = Enumerable.Range(0, random.Next(0, 4))
                    .Select(_ => new RuleFindings(RuleIds[random.Next(RuleIds.Length)], Severities[random.Next(Severities.Length)], random.Next(1, 4)))
                    .DistinctBy(r => (r.RuleId, r.Severity)).ToList();
                events.Add(new IndicatorSetReplaced(code, "130636", unit, year, v, "2015", indicators,
                    new FindingCounts(random.Next(4), random.Next(4), random.Next(4)), Rules: rules));
            }
            // Payments and reversals: what is spent goes up and down, and below zero for a reversal of a reversal.
            for (var v = 1; v <= random.Next(0, 4); v++)
                events.Add(new DisbursementRecorded(code, "130636", unit, v, v, random.NextInt64(-1_000_00, 3_000_000_00), random.Next(2) * random.NextInt64(0, 500_000_00)));
            for (var v = 1; v <= random.Next(0, 3); v++)
                events.Add(new WarningChanged(code, "130636", unit, year, v, random.Next(2) == 0 ? "" : "red", "落后于计划", 2_500, 6,
                    new DateOnly(year, 7, 1)));
        }
        var replays = events.Where(_ => random.Next(5) == 0).ToList();
        var all = events.Concat(replays).OrderBy(_ => random.Next()).ToList();
        var perProject = all.GroupBy(ProjectOf).ToDictionary(g => g.Key, g => g.Count());
        return (all, perProject);
    }

    private static string ProjectOf(object e) => e switch
    {
        ProjectRegistered x => x.ProjectCode,
        ProjectChanged x => x.ProjectCode,
        IndicatorSetReplaced x => x.ProjectCode,
        DisbursementRecorded x => x.ProjectCode,
        WarningChanged x => x.ProjectCode,
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    // The GROUP BY over the base rows, written out here rather than taken from the service's view: per unit (level 0), per
    // department (1, no unit) and per division (2, no department or unit), as migration 0011 keeps them.
    private const string Grains = """
        GROUPING(p.department_code, p.unit_code) / 2 + GROUPING(p.unit_code), p.division_code,
        CASE WHEN GROUPING(p.department_code) = 1 THEN '' ELSE p.department_code END,
        CASE WHEN GROUPING(p.unit_code) = 1 THEN '' ELSE p.unit_code END
        """;

    // The three grains' grouping sets, each also grouped by the columns given.
    private static string ByGrains(string also = "") => $"""
        GROUPING SETS ((p.division_code, p.department_code, p.unit_code, p.status{also}), (p.division_code, p.department_code, p.status{also}),
                       (p.division_code, p.status{also}))
        """;

    private static readonly string Expected = $"""
        SELECT {Grains}, p.status, count(*), sum(p.total_fen), sum(p.fiscal_fen), sum(p.other_fen),
               sum(COALESCE(s.spent_fiscal_fen, 0)), sum(COALESCE(s.spent_other_fen, 0)), count(w.project_code),
               sum(COALESCE(i.errors, 0)), sum(COALESCE(i.warnings, 0)), sum(COALESCE(i.infos, 0)), sum(COALESCE(i.indicators, 0)),
               count(*) FILTER (WHERE p.fiscal_fen <> 0 OR COALESCE(s.spent_fiscal_fen, 0) <> 0),
               count(*) FILTER (WHERE p.other_fen <> 0 OR COALESCE(s.spent_other_fen, 0) <> 0)
        FROM rm_projects p
        LEFT JOIN rm_spending s ON s.project_code = p.code
        LEFT JOIN rm_indicator_sets i ON i.project_code = p.code
        LEFT JOIN rm_warnings w ON w.project_code = p.code
        WHERE p.year = @year GROUP BY {ByGrains()} ORDER BY 1, 2, 3, 4, 5
        """;

    private const string Aggregated = """
        SELECT level, division_code, department_code, unit_code, status, projects, total_fen, fiscal_fen, other_fen,
               spent_fiscal_fen, spent_other_fen, warned, errors, warnings, infos, indicators, fiscal_projects, other_projects
        FROM rm_summary WHERE year = @year ORDER BY 1, 2, 3, 4, 5
        """;

    private static readonly string ExpectedByLevel1 = $"""
        SELECT {Grains}, p.status, x.level1, count(DISTINCT p.code), sum(x.errors), sum(x.warnings), sum(x.infos), count(*)
        FROM rm_projects p JOIN rm_indicators x ON x.project_code = p.code
        WHERE p.year = @year GROUP BY {ByGrains(", x.level1")} ORDER BY 1, 2, 3, 4, 5, 6
        """;

    private const string AggregatedByLevel1 = """
        SELECT level, division_code, department_code, unit_code, status, level1, projects, errors, warnings, infos, indicators
        FROM rm_summary_level1 WHERE year = @year ORDER BY 1, 2, 3, 4, 5, 6
        """;

    // The data-quality scorecard's (migration 0012): the filed projects (those with an indicator set), without status.
    private static string ByQualityGrains(string also = "") => $"""
        GROUPING SETS ((p.division_code, p.department_code, p.unit_code{also}), (p.division_code, p.department_code{also}),
                       (p.division_code{also}))
        """;

    private static readonly string ExpectedQuality = $"""
        SELECT {Grains}, count(*), count(*) FILTER (WHERE i.errors = 0), sum(i.errors), sum(i.warnings), sum(i.infos)
        FROM rm_projects p JOIN rm_indicator_sets i ON i.project_code = p.code
        WHERE p.year = @year GROUP BY {ByQualityGrains()} ORDER BY 1, 2, 3, 4
        """;

    private const string AggregatedQuality = """
        SELECT level, division_code, department_code, unit_code, projects, without_errors, errors, warnings, infos
        FROM rm_quality WHERE year = @year ORDER BY 1, 2, 3, 4
        """;

    private static readonly string ExpectedQualityRules = $"""
        SELECT {Grains}, r.rule_id, count(DISTINCT p.code), count(DISTINCT p.code) FILTER (WHERE i.errors = 0), sum(r.findings),
               COALESCE(sum(r.findings) FILTER (WHERE r.severity = 'error'), 0),
               COALESCE(sum(r.findings) FILTER (WHERE r.severity = 'warning'), 0),
               COALESCE(sum(r.findings) FILTER (WHERE r.severity = 'info'), 0),
               count(DISTINCT p.code) FILTER (WHERE r.severity = 'error'), count(DISTINCT p.code) FILTER (WHERE r.severity = 'warning'),
               count(DISTINCT p.code) FILTER (WHERE r.severity = 'info')
        FROM rm_projects p JOIN rm_indicator_sets i ON i.project_code = p.code JOIN rm_indicator_set_rules r ON r.project_code = p.code
        WHERE p.year = @year GROUP BY {ByQualityGrains(", r.rule_id")} ORDER BY 1, 2, 3, 4, 5
        """;

    private const string AggregatedQualityRules = """
        SELECT level, division_code, department_code, unit_code, rule_id, projects, without_errors, findings,
               error_findings, warning_findings, info_findings, error_projects, warning_projects, info_projects
        FROM rm_quality_rules WHERE year = @year ORDER BY 1, 2, 3, 4, 5
        """;

    private static async Task<List<string>> Rows(NpgsqlConnection connection, string sql, int year)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("year", year);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)))));
        return rows;
    }

    private sealed record Figure(string Key, long Projects, long Total, long Fiscal, long Other, long Spent, long Warned,
        long Errors, long Warnings, long Infos, long Indicators);

    private static Figure Figures(SummaryRow r) => new(r.Key, r.ProjectCount, r.Budget.TotalFen, r.Budget.FiscalFen, r.Budget.OtherFen,
        r.SpentFen, r.OpenWarnings, r.Findings.Errors, r.Findings.Warnings, r.Findings.Infos, r.IndicatorCount);

    /// <summary>The summary as it was computed before the aggregates: straight from the project rows, for every grouping.</summary>
    private static async Task<List<Figure>> AdHocSummary(NpgsqlConnection connection, int year, string groupBy, string department,
        string[] units)
    {
        var key = groupBy switch
        {
            "division" => "division_code", "department" => "division_code || '/' || department_code",
            "unit" => "division_code || '/' || unit_code", "status" => "status", _ => "'total'",
        };
        var rows = groupBy switch
        {
            "fund_source" => """
                SELECT 'fiscal' AS key, code, fiscal_fen AS total, fiscal_fen AS fiscal, 0::bigint AS other, spent_fiscal AS spent,
                       warned, errors, warnings, infos, indicators FROM scope WHERE fiscal_fen <> 0 OR spent_fiscal <> 0
                UNION ALL
                SELECT 'other', code, other_fen, 0::bigint, other_fen, spent_other, warned, errors, warnings, infos, indicators
                FROM scope WHERE other_fen <> 0 OR spent_other <> 0
                """,
            "level1" => """
                SELECT x.level1 AS key, s.code, s.total_fen AS total, s.fiscal_fen AS fiscal, s.other_fen AS other,
                       s.spent_fiscal + s.spent_other AS spent, s.warned,
                       sum(x.errors) AS errors, sum(x.warnings) AS warnings, sum(x.infos) AS infos, count(*) AS indicators
                FROM scope s JOIN rm_indicators x ON x.project_code = s.code
                GROUP BY x.level1, s.code, s.total_fen, s.fiscal_fen, s.other_fen, s.spent_fiscal, s.spent_other, s.warned
                """,
            _ => $"SELECT {key} AS key, code, total_fen AS total, fiscal_fen AS fiscal, other_fen AS other, spent_fiscal + spent_other AS spent, " +
                 "warned, errors, warnings, infos, indicators FROM scope",
        };
        var sql = $"""
            WITH scope AS (
                SELECT p.code, p.division_code, p.department_code, p.unit_code, p.status, p.total_fen, p.fiscal_fen, p.other_fen,
                       COALESCE(s.spent_fiscal_fen, 0) AS spent_fiscal, COALESCE(s.spent_other_fen, 0) AS spent_other,
                       COALESCE(i.errors, 0) AS errors, COALESCE(i.warnings, 0) AS warnings, COALESCE(i.infos, 0) AS infos,
                       (w.project_code IS NOT NULL) AS warned, COALESCE(i.indicators, 0) AS indicators
                FROM rm_projects p
                LEFT JOIN rm_spending s ON s.project_code = p.code
                LEFT JOIN rm_indicator_sets i ON i.project_code = p.code
                LEFT JOIN rm_warnings w ON w.project_code = p.code
                WHERE p.year = @year AND p.division_code = '130636' AND (@department = '' OR p.department_code = @department)
                  AND (cardinality(@units) = 0 OR p.unit_code = ANY(@units))),
            rows AS ({rows})
            SELECT key, count(DISTINCT code), sum(total)::bigint, sum(fiscal)::bigint, sum(other)::bigint, sum(spent)::bigint,
                   count(DISTINCT code) FILTER (WHERE warned), sum(errors)::bigint, sum(warnings)::bigint, sum(infos)::bigint,
                   sum(indicators)::bigint
            FROM rows GROUP BY key
            """;
        await using var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("year", year);
        cmd.Parameters.AddWithValue("department", department);
        cmd.Parameters.AddWithValue("units", units);
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new List<Figure>();
        while (await reader.ReadAsync())
            result.Add(new Figure(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10)));
        return result.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
    }
}
