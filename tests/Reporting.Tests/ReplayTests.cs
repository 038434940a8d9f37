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
    private static ProjectSnapshot Snapshot(string code, long version, long totalFen, string status = "draft") =>
        new(code, "130636", "434", "434001", 2041, "重放测试项目", "测试", ["1.完成支出"], totalFen, totalFen, 0, status, 1, version,
            DateTimeOffset.UtcNow);

    private async Task<SummaryResponse> Summary(int year) =>
        await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = year, GroupBy = "status" });

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
        // A marker published last: once it is applied, everything before it on the queue has been too.
        const string marker = "13063641REPLAYMARKER1";
        await TestBus.PublishAsync(fixture.Stack.VirtualHost, new ProjectRegistered(marker, 1, Snapshot(marker, 1, 1)));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        SummaryResponse summary;
        while ((summary = await Summary(2041)).Total.ProjectCount < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "events not applied");
            await Task.Delay(100);
        }
        Assert.Equal(301, summary.Total.Budget.TotalFen);
        Assert.Equal(300, summary.Rows.Single(r => r.Key == "submitted").Budget.TotalFen);
    }

    [Fact]
    public async Task Rebuilding_from_the_event_log_reaches_the_same_state()
    {
        const string code = "13063642REBUILDTEST01";
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(code, 1, Snapshot(code, 1, 4_200) with { Year = 2042 }),
            new ProjectChanged(code, 2, ProjectChanges.BudgetChanged, Snapshot(code, 2, 4_321) with { Year = 2042 }));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        SummaryResponse before;
        while ((before = await Summary(2042)).Total.Budget.TotalFen != 4_321)
        {
            Assert.True(DateTime.UtcNow < deadline, "events not applied");
            await Task.Delay(100);
        }
        var allBefore = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2042, GroupBy = "unit" });

        var (exit, output) = await fixture.Stack[PlatformStack.Reporting].RunCommandAsync("--rebuild");
        Assert.True(exit == 0, output);
        Assert.Contains("Read model rebuilt from", output);

        Assert.Equal(before, await Summary(2042));
        var allAfter = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2042, GroupBy = "unit" });
        Assert.Equal(allBefore.Rows, allAfter.Rows);
        Assert.Equal(allBefore.Total, allAfter.Total);
    }

    [Fact]
    public async Task Indicator_spending_and_warning_events_late_and_twice_leave_the_newest_state()
    {
        const string code = "13063643REPLAYOTHERS1";
        static IndicatorSnapshot Row(string level1, int errors) =>
            new(level1, "数量指标", "指标", "描述", "≥1人", "依据", "numeric", new FindingCounts(errors, 0, 0));
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(code, 1, Snapshot(code, 1, 10_000) with { Year = 2043 }),
            new IndicatorSetReplaced(code, "130636", "434001", 2043, 2, "2015", [Row("产出指标", 0), Row("效益指标", 0)], new FindingCounts(0, 0, 0)),
            new IndicatorSetReplaced(code, "130636", "434001", 2043, 1, "2015", [Row("产出指标", 1)], new FindingCounts(1, 0, 0)),
            new DisbursementRecorded(code, "130636", "434001", 3, 3, 7_000, 0),
            new DisbursementRecorded(code, "130636", "434001", 2, 2, 5_000, 0),
            new DisbursementRecorded(code, "130636", "434001", 3, 3, 7_000, 0),
            new WarningChanged(code, "130636", "434001", 2043, 2, "", "", 0, 6, null),
            new WarningChanged(code, "130636", "434001", 2043, 1, "red", "截至6月底落后", 5_000, 6, new DateOnly(2043, 7, 1)));
        const string marker = "13063643REPLAYMARKER2";
        await TestBus.PublishAsync(fixture.Stack.VirtualHost, new ProjectRegistered(marker, 1, Snapshot(marker, 1, 1) with { Year = 2043 }));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        SummaryResponse summary;
        while ((summary = await Summary(2043)).Total.ProjectCount < 2 || summary.Total.SpentFen == 0 || summary.Total.IndicatorCount == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"events not applied: {summary.Total}");
            await Task.Delay(100);
        }
        // The newest version of each aggregate, whatever came late or twice.
        Assert.Equal((2, 0, 7_000L, 0), (summary.Total.IndicatorCount, summary.Total.Findings.Errors, summary.Total.SpentFen, summary.Total.OpenWarnings));
        var byCategory = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2043, GroupBy = "level1" });
        Assert.Equal([("产出指标", 1), ("效益指标", 1)], byCategory.Rows.Select(r => (r.Key, r.IndicatorCount)).OrderBy(r => r.Key));
    }
}
