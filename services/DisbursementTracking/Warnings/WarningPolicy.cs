using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.DisbursementTracking.Plans;

namespace PerfPlatform.DisbursementTracking.Warnings;

public sealed record Evaluation(int BudgetBp, int PlannedBp, int ExecutionBp, int LagBp, PlannedCheckpoint? Checkpoint, string Level, string Message);

/// <summary>
/// 预警: at the last checkpoint passed, a project whose execution trails its plan gets a warning — red beyond the red
/// threshold, or when nothing at all is paid by the end of the configured month (June) while the plan expects spending;
/// yellow beyond the yellow one.
/// </summary>
public static class WarningPolicy
{
    public const string Yellow = "yellow";
    public const string Red = "red";

    /// <summary>The options a warning's level depends on, as the sweep records them: a change means every warning is judged again.</summary>
    public static string Thresholds(DisbursementOptions options) =>
        $"yellow>{options.YellowLagBp}bp red>{options.RedLagBp}bp nothing-paid-red-from-month {options.NothingPaidRedFromMonth}";

    public static Evaluation Evaluate(IReadOnlyList<PlannedCheckpoint> plan, int year, DateOnly asOf, long budgetFen, long spentFen,
        DisbursementOptions options)
    {
        var (planned, checkpoint) = PlanRules.PlannedAt(plan, year, asOf);
        var execution = BasisPoints.Ratio(spentFen, budgetFen);
        var lag = Math.Max(0, planned - execution);
        var nothingPaidWhenDue = spentFen == 0 && planned > 0 && PlanRules.MonthEnd(year, options.NothingPaidRedFromMonth) <= asOf;
        var level = checkpoint is null || lag == 0 ? ""
            : lag > options.RedLagBp || nothingPaidWhenDue ? Red
            : lag > options.YellowLagBp ? Yellow : "";
        var message = level.Length == 0 ? "" :
            $"截至{checkpoint!.Label}，计划累计支出 {BasisPoints.FormatPercent(planned)}，实际支出 {BasisPoints.FormatPercent(execution)}" +
            $"（{Money.FormatYuanGrouped(spentFen)} 元 / 预算 {Money.FormatYuanGrouped(budgetFen)} 元），落后 {BasisPoints.FormatPercent(lag)}，" +
            $"{(level == Red ? "红色预警，请尽快加快支出进度或申请调整预算" : "黄色预警，请关注支出进度")}。";
        return new Evaluation(BasisPoints.Full, planned, execution, lag, checkpoint, level, message);
    }
}
