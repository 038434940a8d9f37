using PerfPlatform.Contracts.Disbursement;

namespace PerfPlatform.DisbursementTracking.Plans;

/// <summary>
/// A spending plan's rules (PLN-01, PLN-02): the year's checkpoint months in order, each labelled by its month, values
/// 0–100%, never decreasing over the filled checkpoints, and 100% by the last filled one; blanks after 100% are fine.
/// </summary>
public static class PlanRules
{
    public static void Check(IReadOnlyList<PlannedCheckpoint> plan, int[] months)
    {
        var v = new Violations();
        if (plan.Count != months.Length || !plan.Select(c => c.Month).SequenceEqual(months))
        {
            v.Add("checkpoints", $"支出计划的时间节点应为 {string.Join("、", months.Select(LabelOf))}（共 {months.Length} 个，按顺序）。");
            v.ThrowIfAny();
        }
        for (var i = 0; i < plan.Count; i++)
            if (plan[i].Label != LabelOf(plan[i].Month))
                v.Add($"checkpoints[{i}].label", $"第 {i + 1} 个时间节点的名称由月份决定，应为「{LabelOf(plan[i].Month)}」或不填。");
        int? previous = null;
        var previousLabel = "";
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i].CumulativeBp is not { } bp) continue;
            var field = $"checkpoints[{i}].cumulative_bp";
            if (bp is < 0 or > BasisPoints.Full)
                v.Add(field, $"「{plan[i].Label}」的累计支出比例 {BasisPoints.FormatPercent(bp)} 应在 0% 至 100% 之间。");
            else if (previous is { } prior && bp < prior)
                v.Add(field, $"「{plan[i].Label}」的累计支出比例 {BasisPoints.FormatPercent(bp)} 低于「{previousLabel}」的 {BasisPoints.FormatPercent(prior)}，累计比例不能下降。");
            previous = bp;
            previousLabel = plan[i].Label;
        }
        if (previous is null) v.Add("checkpoints", "支出计划至少要填写一个时间节点的累计支出比例。");
        else if (previous != BasisPoints.Full)
        {
            var last = plan.Select((c, i) => (c, i)).Last(x => x.c.CumulativeBp is not null);
            v.Add($"checkpoints[{last.i}].cumulative_bp",
                $"支出计划最后填写的「{last.c.Label}」为 {BasisPoints.FormatPercent(previous.Value)}，应在年内达到 100%。");
        }
        v.ThrowIfAny();
    }

    /// <summary>A checkpoint's label follows from its month ("3月底"): a client may leave it out, not name it otherwise.</summary>
    public static string LabelOf(int month) => $"{month}月底";

    /// <summary>
    /// The cumulative share planned by a date: the value of the last checkpoint whose month end has passed; blanks before
    /// the first value count as 0, blanks after a value carry it forward.
    /// </summary>
    public static (int PlannedBp, PlannedCheckpoint? Checkpoint) PlannedAt(IReadOnlyList<PlannedCheckpoint> plan, int year, DateOnly asOf)
    {
        var planned = 0;
        PlannedCheckpoint? passed = null;
        foreach (var c in plan)
        {
            if (MonthEnd(year, c.Month) > asOf) break;
            if (c.CumulativeBp is { } bp) planned = bp;
            passed = c;
        }
        return (planned, passed);
    }

    public static DateOnly MonthEnd(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));
}
