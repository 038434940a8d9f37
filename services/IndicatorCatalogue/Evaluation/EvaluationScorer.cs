using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// The self-evaluation score, exactly as docs/domain.md computes it: execution 10 × min(spent ÷ budget, 1); each
/// level-1 group's points split among its indicators (to the cent, the earlier indicators taking the odd cents, so
/// that full marks add up to the group's points) unless the department weighted them; each indicator's score
/// rounded to two decimals half away from zero; the total the sum of the rounded scores. Pure: the same input
/// always gives the same score, and nothing is read from anywhere else.
/// </summary>
public static class EvaluationScorer
{
    public static EvaluationScore Score(EvaluationInput input, ScoringOptions options)
    {
        var findings = new List<ScoreFinding>();
        var points = AllocatePoints(input.Indicators, options, findings, out var outOfIndicators);
        var items = input.Indicators
            .Select(i => ScoreIndicator(i, points.GetValueOrDefault(i.Index), input.BudgetYear, options))
            .ToList();
        var execution = ExecutionScore(input.BudgetFen, input.SpentFen, options.ExecutionPoints);
        var total = execution + items.Sum(i => i.Score);
        var outOf = options.ExecutionPoints + outOfIndicators;
        return new EvaluationScore(total, outOf, GradeOf(total, outOf, options), execution, items, findings);
    }

    public static decimal ExecutionScore(long budgetFen, long spentFen, decimal executionPoints)
    {
        // A budget of nothing has nothing left to spend.
        if (budgetFen <= 0) return executionPoints;
        var spent = Math.Clamp(spentFen, 0, budgetFen);
        return Round(executionPoints * spent / budgetFen);
    }

    public static string GradeOf(decimal score, decimal outOf, ScoringOptions options)
    {
        var percent = outOf > 0 ? score * 100m / outOf : 0m;
        var grades = options.EffectiveGrades;
        return grades.FirstOrDefault(g => percent >= g.MinPercent)?.Grade ?? grades[^1].Grade;
    }

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static Dictionary<int, decimal> AllocatePoints(
        IReadOnlyList<IndicatorOutcome> indicators, ScoringOptions options, List<ScoreFinding> findings, out decimal outOf)
    {
        var points = new Dictionary<int, decimal>();
        outOf = 0;
        var groups = options.EffectiveGroups;
        var missing = new List<ScoringOptions.PointGroup>();
        foreach (var group in groups)
        {
            var members = indicators.Where(i => group.Level1.Contains(i.Level1.Trim())).ToList();
            var names = string.Join("、", group.Level1);
            if (members.Count == 0)
            {
                missing.Add(group);
                continue;
            }
            outOf += group.Points;
            if (WeightsOf(members, group.Points) is { } weights)
            {
                foreach (var m in members) points[m.Index] = weights[m.Index];
                continue;
            }
            if (members.Any(m => m.WeightPoints is not null))
                findings.Add(new ScoreFinding(ScoreFinding.WeightsIgnored,
                    $"{names}的权重分值未全部填写或合计不等于 {group.Points:0.##} 分，按平均分配计分。"));
            foreach (var (index, share) in SplitEqually(members.Select(m => m.Index).ToList(), group.Points))
                points[index] = share;
        }
        foreach (var group in missing)
            findings.Add(new ScoreFinding(ScoreFinding.Level1Missing,
                $"没有{string.Join("或", group.Level1)}，其 {group.Points:0.##} 分无指标可得，本项目满分为 {options.ExecutionPoints + outOf:0.##} 分。"));
        foreach (var orphan in indicators.Where(i => !groups.Any(g => g.Level1.Contains(i.Level1.Trim()))))
            findings.Add(new ScoreFinding(ScoreFinding.Level1NotScored, $"一级指标「{orphan.Level1}」不在计分范围内，该指标不计分。", orphan.Index));
        return points;
    }

    /// <summary>The department's weights, when every member has one and they add up to the group's points.</summary>
    private static Dictionary<int, decimal>? WeightsOf(List<IndicatorOutcome> members, decimal groupPoints)
    {
        if (members.Any(m => m.WeightPoints is not >= 0)) return null;
        if (members.Sum(m => m.WeightPoints!.Value) != groupPoints) return null;
        return members.ToDictionary(m => m.Index, m => m.WeightPoints!.Value);
    }

    /// <summary>Equal shares to the cent: 50 among three is 16.67, 16.67 and 16.66.</summary>
    public static IEnumerable<(int Index, decimal Points)> SplitEqually(IReadOnlyList<int> indexes, decimal groupPoints)
    {
        var cents = (long)(groupPoints * 100m);
        var each = cents / indexes.Count;
        var odd = cents % indexes.Count;
        for (var k = 0; k < indexes.Count; k++)
            yield return (indexes[k], (each + (k < odd ? 1 : 0)) / 100m);
    }

    private static ScoredIndicator ScoreIndicator(IndicatorOutcome item, decimal points, int budgetYear, ScoringOptions options)
    {
        var findings = new List<ScoreFinding>();
        var share = item.Target.Kind switch
        {
            TargetKind.Numeric => NumericShare(item, budgetYear, options, findings),
            TargetKind.Range => RangeShare(item, budgetYear, findings),
            TargetKind.Deadline => DeadlineShare(item, budgetYear, options, findings),
            _ => QualitativeShare(item, findings),
        };
        return new ScoredIndicator(item.Index, points, Round(points * share), findings);
    }

    private static decimal NumericShare(IndicatorOutcome item, int budgetYear, ScoringOptions options, List<ScoreFinding> findings)
    {
        if (!ReadNumber(item, budgetYear, findings, out var reached)) return 0;
        var target = item.Target.Value ?? 0;
        return AtMost(item.Target) ? AtMostShare(item.Index, reached, target, options, findings) : AtLeastShare(item.Index, reached, target, options, findings);
    }

    /// <summary>"≤" and "<" targets, and a bare amount of money (a cost is a ceiling); a bare count or rate is a floor.</summary>
    private static bool AtMost(ParsedTarget target) =>
        target.Comparator is Comparator.Le or Comparator.Lt
        || (target.Comparator is Comparator.Eq or null && target.UnitKind == UnitKind.Money);

    private static decimal AtLeastShare(int index, decimal reached, decimal target, ScoringOptions options, List<ScoreFinding> findings)
    {
        if (reached >= target)
        {
            if (target > 0 && reached > target * options.TooLowAboveFloor)
                findings.Add(TooLow(index, $"实际完成值超过指标值的 {options.TooLowAboveFloor:0.##} 倍"));
            return 1;
        }
        return target > 0 ? Math.Max(reached, 0) / target : 0;
    }

    private static decimal AtMostShare(int index, decimal reached, decimal target, ScoringOptions options, List<ScoreFinding> findings)
    {
        if (reached <= target)
        {
            if (target > 0 && reached < target * options.TooLowBelowCeiling)
                findings.Add(TooLow(index, $"实际完成值不到指标值的 {options.TooLowBelowCeiling:0.##} 倍"));
            return 1;
        }
        return target > 0 ? target / reached : 0;
    }

    private static ScoreFinding TooLow(int index, string why) =>
        new(ScoreFinding.TargetTooLow, $"{why}，目标设定偏低。", index);

    private static decimal RangeShare(IndicatorOutcome item, int budgetYear, List<ScoreFinding> findings)
    {
        if (!ReadNumber(item, budgetYear, findings, out var reached)) return 0;
        var low = item.Target.Value ?? 0;
        var high = item.Target.UpperValue ?? low;
        if (reached < low) return low > 0 ? Math.Max(reached, 0) / low : 0;
        if (reached > high) return high / reached;
        return 1;
    }

    /// <summary>A deadline is a "≤" on days counted from 1 January of the budget year (that day is day 1).</summary>
    private static decimal DeadlineShare(IndicatorOutcome item, int budgetYear, ScoringOptions options, List<ScoreFinding> findings)
    {
        if (!ReachedReader.TryDate(item.Reached, budgetYear, out var done))
        {
            findings.Add(new ScoreFinding(ScoreFinding.ReachedUnreadable, string.IsNullOrWhiteSpace(item.Reached)
                ? "尚未填写实际完成日期（如 2021-06-20），无法计分。"
                : "实际完成值应为完成日期（如 2021-06-20），无法计分。", item.Index));
            return 0;
        }
        var first = new DateOnly(budgetYear, 1, 1).DayNumber - 1;
        return AtMostShare(item.Index, done.DayNumber - first, item.Target.Deadline!.Value.DayNumber - first, options, findings);
    }

    private static decimal QualitativeShare(IndicatorOutcome item, List<ScoreFinding> findings)
    {
        switch (item.Grade)
        {
            case QualitativeGrade.Achieved:
                return 1;
            case QualitativeGrade.PartlyAchieved or QualitativeGrade.NotAchieved when item.GradePercent is { } percent:
                return Math.Clamp(percent, 0, 100) / 100m;
            default:
                findings.Add(new ScoreFinding(ScoreFinding.GradeMissing, "定性指标应评定达成、部分达成或未达成（后两者注明百分比），无法计分。", item.Index));
                return 0;
        }
    }

    private static bool ReadNumber(IndicatorOutcome item, int budgetYear, List<ScoreFinding> findings, out decimal reached)
    {
        if (ReachedReader.TryNumber(item.Reached, item.Target, budgetYear, out reached, out var unitError) && unitError is null)
            return true;
        findings.Add(new ScoreFinding(ScoreFinding.ReachedUnreadable, unitError ?? (string.IsNullOrWhiteSpace(item.Reached)
            ? $"尚未填写实际完成值（指标值「{item.Target.Text}」），无法计分。"
            : $"实际完成值「{item.Reached}」不是数值，无法与指标值「{item.Target.Text}」比较。"), item.Index));
        return false;
    }
}
