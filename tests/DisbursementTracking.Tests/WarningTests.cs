using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.DisbursementTracking.Tests;

/// <summary>Warnings as the clock passes checkpoints and as payments catch up, each change an event.</summary>
public sealed class WarningTests(DisbursementFixture fixture) : IClassFixture<DisbursementFixture>
{
    [Fact]
    public async Task A_checkpoint_passes_when_its_day_has_ended_in_Beijing_and_an_explicit_date_means_the_end_of_that_day()
    {
        await fixture.SetClockAsync("2021-06-30T08:00:00Z"); // 16:00 on 30 June in Beijing: the department can still pay today
        var project = await fixture.NewProjectAsync(100_000_00, plan: [0, 5000, 8000, 10000]);
        Task<Warning?> Active() => fixture.ListedWarningAsync(project);
        async Task<Execution> ExecutionAsOf(string asOf) =>
            await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = project, AsOf = asOf });

        Assert.Null(await Active());
        var today = await ExecutionAsOf("");
        Assert.Equal(("2021-06-30", 5000), (today.AsOf, today.PlannedBp)); // the end of today, a projection
        var endOfJune = await ExecutionAsOf("2021-06-30");
        Assert.Equal((5000, "red"), (endOfJune.PlannedBp, endOfJune.Warning?.Level));
        Assert.Equal(0, (await ExecutionAsOf("2021-06-29")).PlannedBp);

        await fixture.SetClockAsync("2021-06-30T16:30:00Z"); // 00:30 on 1 July in Beijing: 30 June has ended
        var raised = (await Active())!;
        Assert.Equal(("red", 6, "2021-06-30"), (raised.Level, raised.CheckpointMonth, raised.RaisedOn));
        Assert.Equal("2021-07-01", (await ExecutionAsOf("")).AsOf);
        Assert.Equal("red", (await ExecutionAsOf("2021-07-01")).Warning?.Level);
    }

    [Fact]
    public async Task Nothing_paid_is_red_from_the_end_of_June_however_small_the_plan()
    {
        await fixture.SetClockAsync("2021-04-01T00:00:00Z");
        var project = await fixture.NewProjectAsync(100_000_00, plan: [500, 1000, 6000, 10000]);
        Task<Warning?> Active() => fixture.ListedWarningAsync(project);

        Assert.Null(await Active()); // 5% planned by March and nothing paid: 5 points behind is not a warning yet
        await fixture.SetClockAsync("2021-07-01T00:00:00Z");
        var red = (await Active())!;
        Assert.Equal(("red", 1000, 6), (red.Level, red.LagBp, red.CheckpointMonth));
    }

    [Fact]
    public async Task Warnings_are_raised_changed_and_cleared_as_time_and_payments_move()
    {
        await using var recorder = await EventRecorder.StartAsync(fixture.Stack.VirtualHost,
            typeof(WarningChanged), typeof(DisbursementRecorded), typeof(SpendingPlanSet));
        await fixture.SetClockAsync("2021-02-01T00:00:00Z");
        var project = await fixture.NewProjectAsync(100_000_00, plan: [1500, 3000, 6000, 10000]);
        Task<Warning?> Active() => fixture.ListedWarningAsync(project);

        Assert.Null(await Active());
        await fixture.SetClockAsync("2021-04-01T00:00:00Z");
        Assert.Equal("yellow", (await Active())!.Level);  // 15% planned by end of March, nothing paid: nothing paid is red only from June

        await fixture.Disbursement.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            ProjectCode = project, VoucherId = "W-1", Date = "2021-03-31", AmountFen = 10_000_00, FundSource = "fiscal",
        });
        Assert.Null(await Active());

        await fixture.SetClockAsync("2021-07-01T00:00:00Z");
        var yellow = (await Active())!;
        Assert.Equal(("yellow", 2000, 6), (yellow.Level, yellow.LagBp, yellow.CheckpointMonth));

        await fixture.Disbursement.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            ProjectCode = project, VoucherId = "W-2", Date = "2021-06-30", AmountFen = 20_000_00, FundSource = "fiscal",
        });
        Assert.Null(await Active());

        await recorder.WaitUntilAsync(r => r.Of<WarningChanged>().Count(w => w.ProjectCode == project) >= 4, TimeSpan.FromSeconds(30), "four warning changes");
        var changes = recorder.Of<WarningChanged>().Where(w => w.ProjectCode == project).OrderBy(w => w.Version).Select(w => w.Level).ToList();
        Assert.Equal(["yellow", "", "yellow", ""], changes);
        await recorder.WaitUntilAsync(r => r.Of<DisbursementRecorded>().Any(d => d.ProjectCode == project && d.Version == 2), TimeSpan.FromSeconds(30), "spending events");
        Assert.Equal(30_000_00, recorder.Of<DisbursementRecorded>().Where(d => d.ProjectCode == project).MaxBy(d => d.Version)!.SpentFiscalFen);
        Assert.Contains(recorder.Of<SpendingPlanSet>(), p => p.ProjectCode == project && p.Checkpoints.Count == 4);
    }

    [Fact]
    public async Task A_batch_over_several_projects_raises_changes_clears_and_keeps_each_warning_as_single_payments_would()
    {
        await using var recorder = await EventRecorder.StartAsync(fixture.Stack.VirtualHost, typeof(WarningChanged));
        await fixture.SetClockAsync("2021-07-02T00:00:00Z"); // 1 July has ended in Beijing: 30% planned by the end of June
        int?[] plan = [1500, 3000, 6000, 10000];
        var (untouched, caughtUp, onPlan, behind) = (await fixture.NewProjectAsync(100_000_00, plan: plan),
            await fixture.NewProjectAsync(100_000_00, plan: plan), await fixture.NewProjectAsync(100_000_00, plan: plan),
            await fixture.NewProjectAsync(100_000_00, plan: plan));
        RecordDisbursementRequest Pay(string project, string voucher, long fen) =>
            new() { ProjectCode = project, VoucherId = voucher, Date = "2021-06-30", AmountFen = fen, FundSource = "fiscal", Note = "批量" };
        await fixture.Disbursement.RecordDisbursementAsync(Pay(onPlan, "WB-0", 30_000_00));
        Assert.Equal(["red", "red", "red"], await Task.WhenAll(new[] { untouched, caughtUp, behind }.Select(async p => (await fixture.ListedWarningAsync(p))!.Level)));

        var batch = await fixture.Disbursement.RecordBatchAsync(new RecordBatchRequest
        {
            Rows = { Pay(caughtUp, "WB-1", 20_000_00), Pay(onPlan, "WB-2", 1), Pay(behind, "WB-3", 10_000_00), Pay(caughtUp, "WB-4", 10_000_00) },
        });
        Assert.True(batch.Committed);
        Assert.Equal("red", (await fixture.ListedWarningAsync(untouched))!.Level);
        Assert.Null(await fixture.ListedWarningAsync(caughtUp));
        Assert.Null(await fixture.ListedWarningAsync(onPlan));
        var yellow = (await fixture.ListedWarningAsync(behind))!;
        Assert.Equal(("yellow", 2000, 6), (yellow.Level, yellow.LagBp, yellow.CheckpointMonth));

        string[] Changes(string project) =>
            recorder.Of<WarningChanged>().Where(w => w.ProjectCode == project).OrderBy(w => w.Version).Select(w => w.Level).ToArray();
        await recorder.WaitUntilAsync(r => Changes(caughtUp).Length >= 2 && Changes(behind).Length >= 2 && Changes(onPlan).Length >= 2,
            TimeSpan.FromSeconds(30), "the batch's warning changes");
        Assert.Equal(["red", ""], Changes(caughtUp));
        Assert.Equal(["red", "yellow"], Changes(behind));
        Assert.Equal(["red", ""], Changes(onPlan)); // cleared by its own payment before the batch; the batch's 1 fen changed nothing
    }

    [Fact]
    public async Task A_budget_cut_in_the_registry_refreshes_the_warning_at_once_not_at_the_next_daily_sweep()
    {
        await fixture.SetClockAsync("2021-07-02T00:00:00Z"); // 1 July has ended in Beijing
        var project = await fixture.NewProjectAsync(100_000_00, plan: [1000, 5000, 8000, 10000]);
        Task<Warning?> Active() => fixture.ListedWarningAsync(project);
        await fixture.Disbursement.RecordDisbursementAsync(new RecordDisbursementRequest
        {
            ProjectCode = project, VoucherId = "B-1", Date = "2021-06-30", AmountFen = 35_000_00, FundSource = "fiscal",
        });
        Assert.Equal(("yellow", 1500), ((await Active())!.Level, (await Active())!.LagBp)); // 35% paid of 50% planned

        // The registry cuts the budget to 70,000.00: 35,000.00 paid is now 50%, on plan.
        await fixture.Registry.UpdateProjectAsync(new PerfPlatform.Protos.Registry.V1.UpdateProjectRequest
        {
            ProjectCode = project,
            Project = new PerfPlatform.Protos.Registry.V1.Project
            {
                Version = 1, Budget = new PerfPlatform.Protos.Common.V1.Budget { TotalFen = 70_000_00, FiscalFen = 70_000_00 },
            },
        });
        await fixture.WaitForRegistryVersionAsync(project, 2);
        await Eventually.Until(Active, warning => warning is null, "the warning to be cleared when the budget changed");
        Assert.Equal(5000, (await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = project, AsOf = "2021-07-01" })).ExecutionBp);
    }

    [Fact]
    public async Task The_list_comes_worst_first_a_page_at_a_time_and_a_department_sees_a_total_of_its_own()
    {
        await fixture.SetClockAsync("2021-07-02T00:00:00Z"); // 1 July has ended in Beijing
        // Three projects of unit 434002 with nothing paid by 6月底, planned 50%, 40% and 30% by then: red, that far behind.
        var worst = await fixture.NewProjectAsync(100_000_00, unit: "434002", plan: [0, 5000, 8000, 10000]);
        var middle = await fixture.NewProjectAsync(100_000_00, unit: "434002", plan: [0, 4000, 8000, 10000]);
        var least = await fixture.NewProjectAsync(100_000_00, unit: "434002", plan: [0, 3000, 8000, 10000]);
        await fixture.NewProjectAsync(100_000_00, plan: [0, 6000, 8000, 10000]); // unit 434001's, not the department's

        var department = fixture.For(fixture.Stack.DepartmentToken("130636", "434002"));
        var first = await department.ListWarningsAsync(new ListWarningsRequest { Year = 2021, Page = new() { PageSize = 2 } });
        Assert.Equal([worst, middle], first.Warnings.Select(w => w.ProjectCode));
        Assert.Equal(3, first.Page.TotalSize);
        var second = await department.ListWarningsAsync(new ListWarningsRequest { Year = 2021, Page = new() { PageSize = 2, PageToken = first.Page.NextPageToken } });
        Assert.Equal((least, ""), (second.Warnings.Single().ProjectCode, second.Page.NextPageToken));

        var all = await DisbursementFixture.AllWarningsAsync(fixture.Disbursement, new ListWarningsRequest { Year = 2021 }, pageSize: 1);
        Assert.Equal((await fixture.Disbursement.ListWarningsAsync(new ListWarningsRequest { Year = 2021 })).Page.TotalSize, all.Count);
        Assert.Equal(all.OrderByDescending(w => w.LagBp).Select(w => w.LagBp), all.Select(w => w.LagBp));
        Assert.Equal(all.Count, all.Select(w => w.ProjectCode).Distinct().Count());
        Assert.Contains(all, w => w.UnitCode == "434001");
    }

    [Theory]
    [InlineData("", "434002", "", 0, "division_code")]
    [InlineData("130636", "", "abc", 0, "page.page_token")]
    [InlineData("130636", "", "1500:x", 0, "page.page_token")]
    [InlineData("130636", "", "", 1001, "page.page_size")]
    public async Task A_unit_without_its_division_and_a_bad_page_are_refused_naming_the_field(string division, string unit, string token, int size, string field)
    {
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => fixture.Disbursement.ListWarningsAsync(new ListWarningsRequest
        {
            Year = 2021, DivisionCode = division, UnitCode = unit, Page = new() { PageSize = size, PageToken = token },
        }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(field + "：", refused.Status.Detail);
    }
}
