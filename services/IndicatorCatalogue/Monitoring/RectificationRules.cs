namespace PerfPlatform.IndicatorCatalogue.Monitoring;

public static class Likelihoods
{
    public const string Certain = "确定能";
    public const string Possible = "有可能";
    public const string Impossible = "完全不可能";
    public static readonly string[] All = [Certain, Possible, Impossible];
}

public static class MonitoringCauses
{
    public static readonly string[] All = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"];
}

/// <summary>Why a form needs rectification (需整改), under the check catalogue's rule.</summary>
public sealed record RectificationReason(string RuleId, string Message);

/// <summary>
/// A form's money as of the round's date, as DisbursementTracking reports it, with its red warning's threshold: the one
/// threshold of both the warning and the round (docs/domain.md: a form needs rectification when execution trails the plan
/// beyond the red threshold).
/// </summary>
public sealed record MoneyAsOf(long BudgetFen, long SpentFen, int ExecutionBp, int PlannedBp, int LagBp,
    int RedLagBp = RectificationRules.DefaultRedLagBp);

/// <summary>One indicator as the rules weigh it: its name and how likely its target is met.</summary>
public sealed record IndicatorOutlook(int Index, string Name, string Likelihood);

/// <summary>
/// DOMAIN.md "Mid-year monitoring": a form needs rectification when any indicator is 完全不可能 (EXE-06), when execution
/// trails the plan by more than the red threshold at the as-of date (EXE-03), or when the expected full-year spending is
/// below the budget (EXE-05: the difference is a candidate for 调减).
/// </summary>
public static class RectificationRules
{
    /// <summary>DisbursementTracking's default (Disbursement:RedLagBp), for money it has not reported.</summary>
    public const int DefaultRedLagBp = 2000;

    public static IReadOnlyList<RectificationReason> Assess(MoneyAsOf money, long expectedSpentFen, IEnumerable<IndicatorOutlook> indicators,
        DateOnly asOf)
    {
        var reasons = new List<RectificationReason>();
        foreach (var i in indicators.Where(i => i.Likelihood == Likelihoods.Impossible))
            reasons.Add(new("EXE-06", $"指标 {i.Index}「{i.Name}」预计{Likelihoods.Impossible}完成年度目标，需制定整改措施。"));
        if (money.LagBp > money.RedLagBp)
            reasons.Add(new("EXE-03", $"截至 {asOf:yyyy-MM-dd} 支出进度 {BasisPoints.FormatPercent(money.ExecutionBp)}，落后计划 " +
                $"{BasisPoints.FormatPercent(money.PlannedBp)} 达 {BasisPoints.FormatPercent(money.LagBp)}，超过红色预警阈值 {BasisPoints.FormatPercent(money.RedLagBp)}。"));
        var reduction = ReductionCandidateFen(money.BudgetFen, expectedSpentFen);
        if (reduction > 0)
            reasons.Add(new("EXE-05", $"预计全年支出 {Money.FormatYuanGrouped(expectedSpentFen)} 元低于预算 {Money.FormatYuanGrouped(money.BudgetFen)} 元，" +
                $"可调减 {Money.FormatYuanGrouped(reduction)} 元。"));
        return reasons;
    }

    /// <summary>Budget less expected spending when positive, else 0.</summary>
    public static long ReductionCandidateFen(long budgetFen, long expectedSpentFen) => Math.Max(0, budgetFen - expectedSpentFen);

    /// <summary>The default expected spending: the plan's year-end cumulative share of the budget, half away from zero.</summary>
    public static long PlannedShareFen(long budgetFen, int bp) =>
        (long)Math.Round(budgetFen * (decimal)bp / BasisPoints.Full, 0, MidpointRounding.AwayFromZero);
}
