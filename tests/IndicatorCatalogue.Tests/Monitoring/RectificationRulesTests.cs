using PerfPlatform.IndicatorCatalogue.Monitoring;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Monitoring;

/// <summary>DOMAIN.md "Mid-year monitoring": when a form needs rectification (需整改), and why.</summary>
public sealed class RectificationRulesTests
{
    private static readonly DateOnly AsOf = new(2021, 7, 31);

    // 购置公务用车: 180,000.00 yuan, all paid by 7月31日 as planned.
    private static readonly MoneyAsOf OnPlan = new(18_000_000, 18_000_000, 10_000, 10_000, 0);

    private static IReadOnlyList<RectificationReason> Assess(MoneyAsOf money, long expected, params string[] likelihoods) =>
        RectificationRules.Assess(money, expected, likelihoods.Select((l, i) => new IndicatorOutlook(i, $"指标{i}", l)), AsOf);

    [Fact]
    public void A_form_on_plan_spending_its_budget_with_every_target_likely_needs_nothing()
    {
        Assert.Empty(Assess(OnPlan, 18_000_000, Likelihoods.Certain, Likelihoods.Possible, ""));
    }

    [Fact]
    public void Each_indicator_that_cannot_be_met_is_a_reason_under_EXE_06()
    {
        var reasons = Assess(OnPlan, 18_000_000, Likelihoods.Certain, Likelihoods.Impossible, Likelihoods.Impossible);
        Assert.Equal(["EXE-06", "EXE-06"], reasons.Select(r => r.RuleId));
        Assert.Contains("指标 1「指标1」", reasons[0].Message);
        Assert.Contains("指标 2「指标2」", reasons[1].Message);
    }

    [Theory]
    [InlineData(2000, false)] // exactly the red threshold is not beyond it
    [InlineData(2001, true)]
    public void Execution_behind_plan_by_more_than_the_red_threshold_is_a_reason_under_EXE_03(int lagBp, bool behind)
    {
        var money = new MoneyAsOf(10_000_000, 1_000_000, 1000, 1000 + lagBp, lagBp);
        var reasons = Assess(money, 10_000_000);
        Assert.Equal(behind, reasons.Any(r => r.RuleId == "EXE-03"));
        if (behind) Assert.Contains("落后计划 30.01% 达 20.01%，超过红色预警阈值 20.00%", reasons.Single().Message);
    }

    [Fact]
    public void The_red_threshold_is_the_one_DisbursementTracking_reports()
    {
        var money = new MoneyAsOf(10_000_000, 5_000_000, 5000, 6500, 1500);
        Assert.Empty(RectificationRules.Assess(money, 10_000_000, [], AsOf));
        Assert.Equal("EXE-03", RectificationRules.Assess(money with { RedLagBp = 1000 }, 10_000_000, [], AsOf).Single().RuleId);
    }

    [Fact]
    public void Expected_spending_below_the_budget_is_a_reason_under_EXE_05_with_the_amount_to_cut()
    {
        var reasons = Assess(OnPlan with { BudgetFen = 29_004_500 }, 19_004_499);
        Assert.Equal("EXE-05", reasons.Single().RuleId);
        Assert.Contains("预计全年支出 190,044.99 元低于预算 290,045.00 元，可调减 100,000.01 元", reasons.Single().Message);
        Assert.Equal(10_000_001, RectificationRules.ReductionCandidateFen(29_004_500, 19_004_499));
        Assert.Equal(0, RectificationRules.ReductionCandidateFen(29_004_500, 30_000_000));
    }

    [Fact]
    public void All_three_reasons_together_in_the_rules_order()
    {
        var money = new MoneyAsOf(10_000_000, 0, 0, 6000, 6000);
        Assert.Equal(["EXE-06", "EXE-03", "EXE-05"], Assess(money, 8_000_000, Likelihoods.Impossible).Select(r => r.RuleId));
    }

    [Theory]
    [InlineData(18_000_000, 10_000, 18_000_000)]
    [InlineData(177_165_000, 9_000, 159_448_500)]
    [InlineData(5, 5_000, 3)] // 2.5 fen rounds half away from zero
    [InlineData(1, 0, 0)]
    public void The_default_expected_spending_is_the_plans_year_end_share_of_the_budget(long budget, int bp, long expected) =>
        Assert.Equal(expected, RectificationRules.PlannedShareFen(budget, bp));
}
