using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.DisbursementTracking.Plans;
using PerfPlatform.DisbursementTracking.Warnings;
using PerfPlatform.ServiceDefaults.Errors;
using Xunit;

namespace PerfPlatform.DisbursementTracking.Tests;

public sealed class PlanRulesTests
{
    private static readonly int[] Months = [3, 6, 10, 12];

    private static List<PlannedCheckpoint> Plan(params int?[] values) =>
        Months.Zip(values, (m, v) => new PlannedCheckpoint($"{m}月底", m, v)).ToList();

    [Theory]
    [InlineData(null, 3000, 6000, 10000)]
    [InlineData(null, 10000, null, null)]
    [InlineData(1000, 10000, null, null)]
    [InlineData(0, 0, 0, 10000)]
    public void The_seeds_plans_and_others_that_reach_100_percent_pass(int? a, int? b, int? c, int? d) => PlanRules.Check(Plan(a, b, c, d), Months);

    [Theory]
    [InlineData(4000, 3000, 6000, 10000, "checkpoints[1].cumulative_bp")]
    [InlineData(1000, 3000, 6000, 9000, "checkpoints[3].cumulative_bp")]
    [InlineData(1000, 3000, null, null, "checkpoints[1].cumulative_bp")]
    [InlineData(-1, 3000, 6000, 10000, "checkpoints[0].cumulative_bp")]
    [InlineData(1000, 3000, 6000, 10001, "checkpoints[3].cumulative_bp")]
    [InlineData(null, null, null, null, "checkpoints")]
    public void Broken_plans_name_the_checkpoint(int? a, int? b, int? c, int? d, string field)
    {
        var e = Assert.Throws<ValidationFailedException>(() => PlanRules.Check(Plan(a, b, c, d), Months));
        Assert.Contains(e.Violations, v => v.Field == field);
    }

    [Fact]
    public void Checkpoints_other_than_the_years_months_are_refused()
    {
        var e = Assert.Throws<ValidationFailedException>(() => PlanRules.Check([new("6月底", 6, 10000)], Months));
        Assert.Equal("checkpoints", e.Violations.Single().Field);
    }

    [Theory]
    [InlineData("3月末")]
    [InlineData("3 月底")]
    [InlineData("10月底")]
    public void A_label_is_its_months_own(string label)
    {
        var plan = Plan(1000, 3000, 6000, 10000);
        plan[0] = plan[0] with { Label = label };
        var e = Assert.Throws<ValidationFailedException>(() => PlanRules.Check(plan, Months));
        Assert.Equal("checkpoints[0].label", e.Violations.Single().Field);
    }

    [Theory]
    [InlineData("2021-03-30", 0)]
    [InlineData("2021-03-31", 1000)]
    [InlineData("2021-06-30", 3000)]
    [InlineData("2021-09-30", 3000)]
    [InlineData("2021-12-31", 10000)]
    [InlineData("2022-02-01", 10000)]
    public void The_plan_at_a_date_is_the_last_checkpoint_passed(string date, int planned) =>
        Assert.Equal(planned, PlanRules.PlannedAt(Plan(1000, 3000, null, 10000), 2021, DateOnly.Parse(date)).PlannedBp);

    [Theory]
    [InlineData(0, 10000, "red")]
    [InlineData(5_000_000, 10000, "red")]
    [InlineData(15_000_000, 10000, "yellow")]
    [InlineData(14_000_000, 10000, "red")]
    [InlineData(17_000_000, 10000, "")]
    [InlineData(18_000_000, 10000, "")]
    public void Warning_levels_follow_the_gap(long spentFen, int plannedBp, string level)
    {
        var plan = Plan(null, plannedBp, null, null);
        var e = WarningPolicy.Evaluate(plan, 2021, new DateOnly(2021, 7, 1), 18_000_000, spentFen, new DisbursementOptions());
        Assert.Equal(level, e.Level);
    }

    [Theory]
    [InlineData("2021-04-01", 6, "")]      // 5% planned by March, nothing paid: 5 points behind, no more
    [InlineData("2021-06-30", 6, "red")]   // from the end of June, nothing paid while spending is planned is red
    [InlineData("2021-04-01", 3, "red")]   // a county that applies the rule from March
    public void Nothing_paid_is_red_from_the_configured_month_on(string asOf, int month, string level)
    {
        var options = new DisbursementOptions { NothingPaidRedFromMonth = month };
        Assert.Equal(level, WarningPolicy.Evaluate(Plan(500, 1000, 6000, 10000), 2021, DateOnly.Parse(asOf), 10000, 0, options).Level);
    }

    [Fact]
    public void Yellow_between_the_thresholds_and_none_before_any_checkpoint()
    {
        var options = new DisbursementOptions();
        var plan = Plan(1000, 3000, 6000, 10000);
        Assert.Equal("yellow", WarningPolicy.Evaluate(plan, 2021, new DateOnly(2021, 7, 1), 10000, 1500, options).Level);
        Assert.Equal("", WarningPolicy.Evaluate(plan, 2021, new DateOnly(2021, 3, 1), 10000, 0, options).Level);
        Assert.Contains("6月底", WarningPolicy.Evaluate(plan, 2021, new DateOnly(2021, 7, 1), 10000, 1500, options).Message);
    }
}
