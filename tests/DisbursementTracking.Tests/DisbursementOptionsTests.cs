using PerfPlatform.DisbursementTracking.Plans;
using Xunit;

namespace PerfPlatform.DisbursementTracking.Tests;

public sealed class DisbursementOptionsTests
{
    private static IEnumerable<string> Problems(DisbursementOptions options) =>
        new DisbursementOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_defaults_and_a_year_of_its_own_pass()
    {
        Assert.Empty(Problems(new DisbursementOptions()));
        Assert.Empty(Problems(new DisbursementOptions { CheckpointMonths = [3, 6, 10, 12], CheckpointMonthsByYear = { ["2022"] = [6, 12] } }));
    }

    [Theory]
    [InlineData("CheckpointMonths")]
    [InlineData("CheckpointMonthsByYear")]
    [InlineData("YellowLagBp")]
    [InlineData("RedLagBp")]
    [InlineData("NothingPaidRedFromMonth")]
    [InlineData("TimeZone")]
    [InlineData("SweepBatchSize")]
    public void A_bad_value_is_named(string key)
    {
        var options = new DisbursementOptions();
        switch (key)
        {
            case "CheckpointMonths": options.CheckpointMonths = [3, 3, 12]; break;
            case "CheckpointMonthsByYear": options.CheckpointMonthsByYear["2022"] = [6, 13]; break;
            case "YellowLagBp": options.YellowLagBp = 2000; break;   // not below red
            case "RedLagBp": options.RedLagBp = 10001; break;
            case "NothingPaidRedFromMonth": options.NothingPaidRedFromMonth = 0; break;
            case "TimeZone": options.TimeZone = "Asia/Beiping"; break;
            case "SweepBatchSize": options.SweepBatchSize = 0; break;
        }
        Assert.Contains(Problems(options), p => p.Contains($"Disbursement:{key}"));
    }
}
