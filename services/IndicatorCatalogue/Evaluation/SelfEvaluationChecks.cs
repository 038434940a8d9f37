using System.Globalization;
using PerfPlatform.IndicatorCatalogue.Sets;
using TargetKind = PerfPlatform.IndicatorCatalogue.Targets.TargetKind;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>What a self-evaluation request must satisfy, each problem named by its field in Chinese (DOMAIN.md's rules).</summary>
public static class SelfEvaluationChecks
{
    public const int MaxText = 500;

    /// <summary>The request alone: codes, numbers, lengths, grades and their bands.</summary>
    public static Dictionary<int, StoredEvaluationInput> CheckShape(PutSelfEvaluationRequest request, ScoringOptions options)
    {
        var v = new Violations()
            .ProjectCode(request.ProjectCode)
            .Year(request.Year)
            .When(request.Version < 0, "version", "版本号不能为负数。")
            .Amount(request.SpentFen, "spent_fen", "全年执行数")
            .When(request.Indicators.Count > CatalogueService.MaxIndicators, "indicators", $"指标不能超过 {CatalogueService.MaxIndicators} 个。");
        var inputs = new Dictionary<int, StoredEvaluationInput>();
        for (var i = 0; i < Math.Min(request.Indicators.Count, CatalogueService.MaxIndicators); i++)
        {
            var x = request.Indicators[i];
            var at = $"indicators[{i}]";
            v.When(x.Index < 0, $"{at}.index", "指标序号从 0 开始，不能为负数。")
                .When(x.Index >= 0 && inputs.ContainsKey(x.Index), $"{at}.index", $"指标序号 {x.Index} 重复填报。")
                .MaxLength(x.Reached, IndicatorFieldLimits.MaxTarget, $"{at}.reached", "实际完成值")
                .MaxLength(x.Cause, MaxText, $"{at}.cause", "偏差原因")
                .MaxLength(x.Measure, MaxText, $"{at}.measure", "改进措施")
                .When(x.Grade.Length > 0 && !SelfEvaluationForms.GradeNames.Contains(x.Grade), $"{at}.grade", "评定等级应为 达成、部分达成 或 未达成。");
            var percent = Decimal(v, x.GradePercent, $"{at}.grade_percent", "完成百分比");
            var weight = Decimal(v, x.WeightPoints, $"{at}.weight_points", "权重分值");
            CheckBand(v, x.Grade, percent, $"{at}", options);
            if (x.Index >= 0)
                inputs.TryAdd(x.Index, new StoredEvaluationInput(x.Index, x.Grade, percent, weight, x.Cause.Trim(), x.Measure.Trim()));
        }
        v.ThrowIfAny();
        return inputs;
    }

    /// <summary>部分达成 states a percentage from 60 to 80, 未达成 from 0 to 60; 达成 is 100% and needs none.</summary>
    private static void CheckBand(Violations v, string grade, decimal? percent, string at, ScoringOptions options)
    {
        if (grade.Length == 0)
        {
            v.When(percent is not null, $"{at}.grade_percent", "完成百分比只用于评定为部分达成或未达成的定性指标，请先评定等级。");
            return;
        }
        var (low, high) = grade switch
        {
            SelfEvaluationForms.PartlyAchieved => (options.PartlyAchievedMin, options.PartlyAchievedMax),
            SelfEvaluationForms.NotAchieved => (0m, options.NotAchievedMax),
            _ => (100m, 100m),
        };
        if (grade == SelfEvaluationForms.Achieved)
            v.When(percent is not null and not 100m, $"{at}.grade_percent", "评定为达成时按 100% 计分，不填完成百分比（或填 100）。");
        else if (percent is null)
            v.Add($"{at}.grade_percent", $"评定为{grade}时应填写完成百分比（{low:0.##}–{high:0.##}）。");
        else
            v.When(percent < low || percent > high, $"{at}.grade_percent", $"评定为{grade}时完成百分比应在 {low:0.##} 至 {high:0.##} 之间（现为 {percent:0.##}）。");
    }

    private static decimal? Decimal(Violations v, string text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value <= 1000 && decimal.Round(value, 2) == value)
            return value;
        v.Add(field, $"{label}应为不超过两位小数的非负数（如 70 或 72.5），现为「{text}」。");
        return null;
    }

    /// <summary>
    /// Against the project's set: the year, the indexes, grades only for qualitative indicators, and weights that, given for
    /// one indicator of a level 1, are given for all and add up to its points.
    /// </summary>
    public static void CheckAgainstSet(PutSelfEvaluationRequest request, Dictionary<int, StoredEvaluationInput> inputs, SelfEvaluationState state,
        ScoringOptions options)
    {
        var v = new Violations().When(request.Year != state.Project.Year, "year",
            $"项目 {state.Project.Code} 属于 {state.Project.Year} 年度，自评年度应为 {state.Project.Year}。");
        var count = state.Indicators.Count;
        var position = new Dictionary<int, int>();
        for (var i = 0; i < request.Indicators.Count; i++)
        {
            var x = request.Indicators[i];
            position.TryAdd(x.Index, i);
            if (x.Index >= count)
            {
                v.Add($"indicators[{i}].index", $"项目只有 {count} 个指标（序号从 0 开始）。");
                continue;
            }
            var kind = state.TargetOf(state.Indicators[x.Index]).Kind;
            var qualitative = kind is TargetKind.Qualitative or TargetKind.Empty;
            v.When(!qualitative && x.Grade.Length > 0, $"indicators[{i}].grade", "定量指标按实际完成值计分，不填评定等级。");
        }
        foreach (var group in options.EffectiveGroups)
        {
            var members = state.Indicators.Where(m => group.Level1.Contains(m.Level1.Trim())).Select(m => m.Position).ToList();
            var weighted = members.Where(m => inputs.GetValueOrDefault(m)?.WeightPoints is not null).ToList();
            if (weighted.Count == 0) continue;
            var names = string.Join("、", group.Level1);
            foreach (var missing in members.Except(weighted))
                v.Add(position.TryGetValue(missing, out var p) ? $"indicators[{p}].weight_points" : "indicators",
                    $"{names}已有指标填写权重分值，序号 {missing} 的指标也应填写（同一一级指标要么都填，要么都不填）。");
            var sum = weighted.Sum(m => inputs[m].WeightPoints!.Value);
            if (weighted.Count == members.Count && sum != group.Points)
                v.Add($"indicators[{position[weighted[0]]}].weight_points", $"{names}的权重分值合计应为 {group.Points:0.##} 分（现为 {sum:0.##} 分）。");
        }
        foreach (var (index, input) in inputs.Where(p => p.Value.WeightPoints is not null && p.Key < count))
            v.When(!options.EffectiveGroups.Any(g => g.Level1.Contains(state.Indicators[index].Level1.Trim())), $"indicators[{position[index]}].weight_points",
                $"一级指标「{state.Indicators[index].Level1}」不计分，不能填写权重分值。");
        v.ThrowIfAny();
    }
}
