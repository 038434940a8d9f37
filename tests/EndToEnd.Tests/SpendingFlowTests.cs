using System.Net;
using Grpc.Core;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>The finance bureau's year with the seed: the summary, a checkpoint passing, a payment, the warning clearing.</summary>
public sealed class SpendingFlowTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private const string Car = "13063621GNTKS9WIPUKRG";

    private async Task<SummaryResponse> Summary(ReportingClient reporting, string groupBy, Func<SummaryResponse, bool> ready)
    {
        return await Eventually.Until(async () => await reporting.GetSummaryAsync(new SummaryRequest { Year = 2021, DivisionCode = "130636", GroupBy = groupBy }),
            ready, "Reporting to catch up");
    }

    [Fact]
    public async Task The_summary_warnings_and_a_payment_through_the_year()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output + fixture.FirstImport.Errors);
        var stack = fixture.Stack;
        var gateway = stack.Channel(PlatformStack.Gateway, stack.FinanceToken());
        var reporting = new ReportingClient(gateway);
        var disbursement = new DisbursementClient(gateway);

        // The finance bureau's view of the seed: 6 projects, 2,900,450.00 yuan, all fiscal; 37 indicators by category.
        var byUnit = await Summary(reporting, "unit", s => s.Total.ProjectCount == 6 && s.Total.IndicatorCount == 37);
        Assert.Equal((290_045_000L, 290_045_000L, 0L), (byUnit.Total.Budget.TotalFen, byUnit.Total.Budget.FiscalFen, byUnit.Total.Budget.OtherFen));
        // The seed's 3 errors and the check catalogue's 26 warnings (SeedTests lists them).
        Assert.Equal((3, 26), (byUnit.Total.Findings.Errors, byUnit.Total.Findings.Warnings));
        var byCategory = await reporting.GetSummaryAsync(new SummaryRequest { Year = 2021, GroupBy = "level1" });
        Assert.Equal([("产出指标", 19), ("效益指标", 12), ("满意度指标", 6)], byCategory.Rows.Select(r => (r.Key, r.IndicatorCount)).OrderBy(r => r.Key));
        // Each finding counts under its indicator's category: 1000百分比 and 50人 are outputs, 95人百分比 a benefit; of
        // the 26 warnings, the 3 on whole sets (SEM-06, SEM-07) count only in the total.
        Assert.Equal([("产出指标", 2, 13), ("效益指标", 1, 6), ("满意度指标", 0, 4)],
            byCategory.Rows.Select(r => (r.Key, r.Findings.Errors, r.Findings.Warnings)).OrderBy(r => r.Key));
        Assert.InRange(byCategory.Rows.Sum(r => r.Findings.Infos), 1, byCategory.Total.Findings.Infos);

        // 购置公务用车 plans 100% by the end of June; with nothing paid it is behind on 1 July.
        var late = await disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = Car, AsOf = "2021-07-01" });
        Assert.Equal((18_000_000L, 0L, 10_000, 10_000), (late.BudgetFen, late.SpentFen, late.PlannedBp, late.LagBp));
        Assert.Equal("red", late.Warning.Level);
        Assert.Contains("6月底", late.Warning.Message);

        using var clock = stack.Http(PlatformStack.Disbursement, stack.FinanceToken());
        Assert.Equal(HttpStatusCode.OK, (await clock.PostAsync("/testing/clock?utc=2021-07-01T08:00:00Z", null)).StatusCode);
        var warned = await disbursement.ListWarningsAsync(new Protos.Disbursement.V1.ListWarningsRequest { Year = 2021, DivisionCode = "130636" });
        Assert.Contains(warned.Warnings, w => w.ProjectCode == Car && w.Level == "red" && w.ProjectName == "购置公务用车项目经费");
        // perfctl reads the same list, every page of it.
        var cli = await Perfctl.RunAsync(stack, stack.FinanceToken(), "warnings", "--year", "2021", "--division", "130636", "--json");
        Assert.True(cli.ExitCode == 0, cli.Errors);
        var listed = Protos.Disbursement.V1.ListWarningsResponse.Parser.ParseJson(cli.Output);
        Assert.Equal(warned.Page.TotalSize, listed.Warnings.Count);
        Assert.Contains(listed.Warnings, w => w.ProjectCode == Car && w.Level == "red");

        // The payment of 180,000.00 on 20 May, posted twice by the treasury feed, counts once and clears the warning.
        var payment = new RecordDisbursementRequest
        {
            ProjectCode = Car, VoucherId = "GK-2021-0520-001", Date = "2021-05-20", AmountFen = 18_000_000, FundSource = "fiscal", Note = "购置9座客车",
        };
        var first = await disbursement.RecordDisbursementAsync(payment);
        var again = await disbursement.RecordDisbursementAsync(payment);
        Assert.Equal(first, again);
        Assert.Equal(18_000_000, (await disbursement.ListDisbursementsAsync(new ListDisbursementsRequest { ProjectCode = Car })).SpentFen);
        var caughtUp = await disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = Car, AsOf = "2021-07-01" });
        Assert.Equal((10_000, 0), (caughtUp.ExecutionBp, caughtUp.LagBp));
        Assert.Null(caughtUp.Warning);
        var afterPayment = await disbursement.ListWarningsAsync(new Protos.Disbursement.V1.ListWarningsRequest { Year = 2021, Page = new() { PageSize = 1000 } });
        Assert.Equal(afterPayment.Warnings.Count, afterPayment.Page.TotalSize);
        Assert.DoesNotContain(afterPayment.Warnings, w => w.ProjectCode == Car);
        var different = payment.Clone();
        different.AmountFen = 1;
        var conflicting = await Assert.ThrowsAsync<RpcException>(() => disbursement.RecordDisbursementAsync(different).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, conflicting.StatusCode);

        // Reporting follows: spent and execution of the unit, and the count of open warnings without the car.
        var spent = await Summary(reporting, "unit", s => s.Total.SpentFen == 18_000_000 && s.Total.OpenWarnings == 5);
        Assert.Equal(621, spent.Total.ExecutionBp);

        // Dashboards scrape the same figures from Reporting's /metrics.
        using var metrics = stack.Http(PlatformStack.Reporting, null);
        string Line(string text, string name) => text.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{") && l.Contains("division=\"130636\"") && l.Contains("year=\"2021\"")) ?? "";
        var scraped = await Eventually.Until(() => metrics.GetStringAsync("/metrics"), text => Line(text, "perf_spent_fen").EndsWith(" 18000000"),
            "the payment in perf_spent_fen", interval: TimeSpan.FromMilliseconds(500));
        Assert.EndsWith(" 290045000", Line(scraped, "perf_budget_fen"));
        Assert.EndsWith(" 18000000", Line(scraped, "perf_spent_fen"));
        Assert.Contains(scraped.Split('\n'), l => l.StartsWith("perf_lint_findings{") && l.Contains("severity=\"error\"") && l.EndsWith(" 3"));
        Assert.Contains(scraped.Split('\n'), l => l.StartsWith("perf_open_warnings{") && l.Contains("level=\"red\"") && l.EndsWith(" 5"));
        Assert.Contains(scraped.Split('\n'), l => l.StartsWith("perf_projects{") && l.Contains("status=\"draft\"") && l.EndsWith(" 6"));
    }

    [Theory]
    [InlineData(new[] { 1000, 4000, 3000, 10000 }, "checkpoints[2].cumulative_bp", "10月底")]
    [InlineData(new[] { 1000, 3000, 6000, 9000 }, "checkpoints[3].cumulative_bp", "12月底")]
    [InlineData(new[] { 1000, 3000, 6000, 12000 }, "checkpoints[3].cumulative_bp", "100%")]
    public async Task A_plan_that_goes_down_or_does_not_end_at_100_percent_is_refused_naming_the_checkpoint(int[] values, string field, string mentioned)
    {
        var disbursement = new DisbursementClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        const string project = "13063621H8S2NQYMS06ZW";
        var before = await disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = project });
        var request = new PutSpendingPlanRequest { ProjectCode = project };
        request.Checkpoints.AddRange(new[] { 3, 6, 10, 12 }.Zip(values, (m, v) => new Checkpoint { Month = m, CumulativeBp = v }));
        var error = await Assert.ThrowsAsync<RpcException>(() => disbursement.PutSpendingPlanAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, error.Status.Detail);
        Assert.Contains(mentioned, error.Status.Detail);
        Assert.Equal(before, await disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = project }));
    }
}
