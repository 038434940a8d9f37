using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Indicators.V1;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Monitoring;

/// <summary>
/// A round's red threshold (EXE-03) is the warnings' own, configured once in DisbursementTracking: set lower there, a lag
/// between it and the default reads red in the warning and needs rectification in the round alike.
/// </summary>
public sealed class RedThresholdTests(RedThresholdTests.StrictWarnings fixture) : IClassFixture<RedThresholdTests.StrictWarnings>
{
    public sealed class StrictWarnings : MonitoringFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Disbursement__YellowLagBp"] = "500",
            ["Disbursement__RedLagBp"] = "1000",
        };
    }

    [Fact]
    public async Task A_lag_beyond_the_warnings_red_threshold_needs_rectification()
    {
        var round = await fixture.RoundAsync();
        // 100,000.00 yuan planned 30% by 6月底, 15% paid: 15 points behind, red from 10 here (from 20 by default).
        var code = await fixture.ApprovedProjectAsync(10_000_000, [null, 3000, null, 10000], payments: ("2021-05-20", 1_500_000));

        var execution = await fixture.Disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = code, AsOf = "2021-07-31" });
        Assert.Equal(("red", 1500, 1000), (execution.Warning.Level, execution.LagBp, execution.RedLagBp));
        var form = await fixture.Department().GetFormAsync(new GetMonitoringFormRequest { ProjectCode = code, RoundId = round.Id });
        Assert.True(form.NeedsRectification);
        Assert.Contains(form.Reasons, r => r.RuleId == "EXE-03" && r.Message.Contains("超过红色预警阈值 10.00%"));
    }
}
