using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.DisbursementTracking.Tests;

/// <summary>Warnings as the clock passes checkpoints and as payments catch up, each change an event.</summary>
public sealed class WarningTests(DisbursementFixture fixture) : IClassFixture<DisbursementFixture>
{
    [Fact]
    public async Task Warnings_are_raised_changed_and_cleared_as_time_and_payments_move()
    {
        await using var recorder = await EventRecorder.StartAsync(fixture.Stack.VirtualHost,
            typeof(WarningChanged), typeof(DisbursementRecorded), typeof(SpendingPlanSet));
        await fixture.SetClockAsync("2021-02-01T00:00:00Z");
        var project = await fixture.NewProjectAsync(100_000_00);
        async Task<Warning?> Active() =>
            (await fixture.Disbursement.ListWarningsAsync(new ListWarningsRequest { Year = 2021 })).Warnings.SingleOrDefault(w => w.ProjectCode == project);

        Assert.Null(await Active());
        await fixture.SetClockAsync("2021-04-01T00:00:00Z");
        Assert.Equal("red", (await Active())!.Level);  // 10% planned by end of March, nothing paid

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
        Assert.Equal(["red", "", "yellow", ""], changes);
        await recorder.WaitUntilAsync(r => r.Of<DisbursementRecorded>().Any(d => d.ProjectCode == project && d.Version == 2), TimeSpan.FromSeconds(30), "spending events");
        Assert.Equal(30_000_00, recorder.Of<DisbursementRecorded>().Where(d => d.ProjectCode == project).MaxBy(d => d.Version)!.SpentFiscalFen);
        Assert.Contains(recorder.Of<SpendingPlanSet>(), p => p.ProjectCode == project && p.Checkpoints.Count == 4);
    }
}
