using Npgsql;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

/// <summary>Duplicated, reordered and replayed events leave the read model exactly where the newest versions put it.</summary>
public sealed class ReplayTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private static readonly string[] ProjectTables = ["rm_projects", "rm_indicator_sets", "rm_indicators", "rm_spending", "rm_spending_plans", "rm_warnings"];

    private static ProjectSnapshot Snapshot(string code, long version, long totalFen, string status = "draft") =>
        new(code, "130636", "434", "434001", 2041, "重放测试项目", "测试", ["1.完成支出"], totalFen, totalFen, 0, status, 1, version,
            DateTimeOffset.UtcNow);

    private static IndicatorSnapshot Row(string level1, int errors) =>
        new(level1, "数量指标", "指标", "描述", "≥1人", "依据", "numeric", new FindingCounts(errors, 0, 0));

    private async Task<SummaryResponse> Summary(int year, string groupBy = "status") =>
        await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = year, GroupBy = groupBy });

    [Fact]
    public async Task Older_and_duplicate_versions_change_nothing()
    {
        const string code = "13063641REPLAYTEST001";
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(code, 1, Snapshot(code, 1, 100)),
            new ProjectChanged(code, 3, ProjectChanges.Submitted, Snapshot(code, 3, 300, "submitted")),
            new ProjectChanged(code, 2, ProjectChanges.BudgetChanged, Snapshot(code, 2, 200)),
            new ProjectChanged(code, 3, ProjectChanges.Submitted, Snapshot(code, 3, 300, "submitted")),
            new ProjectRegistered(code, 1, Snapshot(code, 1, 100)));
        await fixture.WaitForLoggedAsync(code, 5);

        var summary = await Summary(2041);
        Assert.Equal((1, 300L), (summary.Total.ProjectCount, summary.Total.Budget.TotalFen));
        Assert.Equal(300, summary.Rows.Single(r => r.Key == "submitted").Budget.TotalFen);
    }

    [Fact]
    public async Task An_event_that_cannot_be_applied_holds_back_no_other_of_its_batch()
    {
        // Published together, the events reach Reporting in one batch or a few (up to 50 in one transaction). A NUL in a
        // name is refused by PostgreSQL (text and jsonb hold none), failing its batch's transaction; the batch is then
        // applied event by event, so every other project goes in while the refused one is retried and dead-lettered.
        var codes = Enumerable.Range(1, 12).Select(i => $"13063643BATCHPOISON{i:00}").ToArray();
        const string refused = "13063643BATCHPOISONXX";
        var events = codes.Select(c => (object)new ProjectRegistered(c, 1, Snapshot(c, 1, 100) with { Year = 2043 })).ToList();
        events.Insert(6, new ProjectRegistered(refused, 1, Snapshot(refused, 1, 100) with { Year = 2043, Name = "含\0字符" }));
        await TestBus.PublishAsync(fixture.Stack.VirtualHost, [.. events]);

        foreach (var code in codes) await fixture.WaitForProjectVersionAsync(code, 1);
        var summary = await Summary(2043);
        Assert.Equal((12, 1_200L), (summary.Total.ProjectCount, summary.Total.Budget.TotalFen));
        await using var connection = await fixture.OpenDatabaseAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM rm_projects WHERE code = @code", connection);
        cmd.Parameters.AddWithValue("code", refused);
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Rebuilding_from_the_event_log_restores_a_damaged_read_model()
    {
        const string code = "13063642REBUILDTEST01";
        var project = Snapshot(code, 1, 4_200) with { Year = 2042 };
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(code, 1, project),
            new ProjectChanged(code, 2, ProjectChanges.BudgetChanged, project with { TotalFen = 4_321, FiscalFen = 4_321, Version = 2 }),
            new IndicatorSetReplaced(code, "130636", "434001", 2042, 1, "2015", [Row("产出指标", 1), Row("满意度指标", 0)], new FindingCounts(1, 0, 0)),
            new SpendingPlanSet(code, 1, [new("3月底", 3, 1000), new("6月底", 6, 10000), new("10月底", 10, null), new("12月底", 12, null)]),
            new DisbursementRecorded(code, "130636", "434001", 1, 1, 1_000, 0),
            new WarningChanged(code, "130636", "434001", 2042, 1, "red", "截至6月底落后", 7_686, 6, new DateOnly(2042, 7, 1)));
        await fixture.WaitForLoggedAsync(code, 6);
        var before = await Summary(2042);
        Assert.Equal((1, 4_321L, 1_000L, 1, 2, 1), (before.Total.ProjectCount, before.Total.Budget.TotalFen, before.Total.SpentFen,
            before.Total.OpenWarnings, before.Total.IndicatorCount, before.Total.Findings.Errors));
        var rowsBefore = await ReadModelRows(code);

        // The read model loses or garbles every table's rows of the project: a rebuild that does nothing would leave it so.
        await using (var connection = await fixture.OpenDatabaseAsync())
        {
            await using var damage = new NpgsqlCommand("""
                UPDATE rm_projects SET total_fen = 0, fiscal_fen = 0, status = 'returned' WHERE code = @code;
                DELETE FROM rm_indicator_sets WHERE project_code = @code; DELETE FROM rm_indicators WHERE project_code = @code;
                DELETE FROM rm_spending WHERE project_code = @code; DELETE FROM rm_spending_plans WHERE project_code = @code;
                DELETE FROM rm_warnings WHERE project_code = @code;
                UPDATE rm_summary SET total_fen = 0, projects = 7 WHERE year = 2042; DELETE FROM rm_summary_level1 WHERE year = 2042;
                """, connection);
            damage.Parameters.AddWithValue("code", code);
            await damage.ExecuteNonQueryAsync();
        }
        Assert.NotEqual(before, await Summary(2042));

        var (exit, output) = await fixture.Stack[PlatformStack.Reporting].RunCommandAsync("--rebuild");
        Assert.True(exit == 0, output);
        Assert.Contains("Read model rebuilt from", output);

        Assert.Equal(rowsBefore, await ReadModelRows(code));
        Assert.Equal(before.Total, (await Summary(2042)).Total);
    }

    [Fact]
    public async Task An_event_consumed_while_the_rebuild_runs_is_not_lost()
    {
        const string code = "13063644REBUILDRACE01";
        var project = Snapshot(code, 1, 1_000) with { Year = 2044 };
        await TestBus.PublishAsync(fixture.Stack.VirtualHost, new ProjectRegistered(code, 1, project));
        await fixture.WaitForLoggedAsync(code, 1);

        // Hold the rebuild at its TRUNCATE, publish a newer event, then let the rebuild go on.
        await using var blocker = await fixture.OpenDatabaseAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE rm_divisions IN ACCESS SHARE MODE", blocker, hold))
            await lockTable.ExecuteNonQueryAsync();
        var rebuild = fixture.Stack[PlatformStack.Reporting].RunCommandAsync("--rebuild");
        // Watched from a connection of its own: inside a transaction pg_stat_activity is a snapshot taken once.
        await using var watcher = await fixture.OpenDatabaseAsync();
        await WaitUntilAsync(watcher, "waiting TRUNCATE", """
            SELECT count(*) > 0 FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'TRUNCATE%'
            """);
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectChanged(code, 2, ProjectChanges.BudgetChanged, project with { TotalFen = 2_000, FiscalFen = 2_000, Version = 2 }));
        // The newer event either got into the read model before the rebuild emptied it, or its consumer waits at the
        // version gate for the rebuild to finish.
        await WaitUntilAsync(watcher, "the newer event applied or waiting", """
            SELECT (SELECT count(*) FROM event_log WHERE payload->>'projectCode' = '13063644REBUILDRACE01') = 2
                OR (SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                    AND query LIKE '%INSERT INTO projection_versions%')
            """);
        await hold.CommitAsync();
        var (exit, output) = await rebuild;
        Assert.True(exit == 0, output);

        await fixture.WaitForLoggedAsync(code, 2);
        Assert.Equal(2_000, (await Summary(2044)).Total.Budget.TotalFen);
    }

    [Fact]
    public async Task Indicator_spending_and_warning_events_late_and_twice_leave_the_newest_state()
    {
        const string code = "13063643REPLAYOTHERS1";
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(code, 1, Snapshot(code, 1, 10_000) with { Year = 2043 }),
            new IndicatorSetReplaced(code, "130636", "434001", 2043, 2, "2015", [Row("产出指标", 0), Row("效益指标", 0)], new FindingCounts(0, 0, 0)),
            new IndicatorSetReplaced(code, "130636", "434001", 2043, 1, "2015", [Row("产出指标", 1)], new FindingCounts(1, 0, 0)),
            new DisbursementRecorded(code, "130636", "434001", 3, 3, 7_000, 0),
            new DisbursementRecorded(code, "130636", "434001", 2, 2, 5_000, 0),
            new DisbursementRecorded(code, "130636", "434001", 3, 3, 7_000, 0),
            new WarningChanged(code, "130636", "434001", 2043, 2, "", "", 0, 6, null),
            new WarningChanged(code, "130636", "434001", 2043, 1, "red", "截至6月底落后", 5_000, 6, new DateOnly(2043, 7, 1)));
        await fixture.WaitForLoggedAsync(code, 8);

        // The newest version of each aggregate, whatever came late or twice.
        var summary = await Summary(2043);
        Assert.Equal((2, 0, 7_000L, 0), (summary.Total.IndicatorCount, summary.Total.Findings.Errors, summary.Total.SpentFen, summary.Total.OpenWarnings));
        var byCategory = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2043, GroupBy = "level1" });
        Assert.Equal([("产出指标", 1), ("效益指标", 1)], byCategory.Rows.Select(r => (r.Key, r.IndicatorCount)).OrderBy(r => r.Key));
    }

    /// <summary>Every read-model row about the project, as text, table by table.</summary>
    private async Task<List<string>> ReadModelRows(string code)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        var rows = new List<string>();
        foreach (var table in ProjectTables)
        {
            var key = table == "rm_projects" ? "code" : "project_code";
            await using var cmd = new NpgsqlCommand($"SELECT '{table}: ' || row_to_json(t)::text FROM {table} t WHERE {key} = @code ORDER BY 1", connection);
            cmd.Parameters.AddWithValue("code", code);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        }
        Assert.Equal(ProjectTables.Length + 1, rows.Count); // one row each, two indicators
        return rows;
    }

    private static async Task WaitUntilAsync(NpgsqlConnection connection, string what, string sql)
    {
        await Eventually.Until(async () =>
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            return (bool)(await cmd.ExecuteScalarAsync())!;
        }, what, TimeSpan.FromSeconds(60));
    }
}
