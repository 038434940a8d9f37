using PerfPlatform.IndicatorCatalogue.Frameworks;

namespace PerfPlatform.IndicatorCatalogue.Linting;

/// <summary>
/// Checks on a whole set (index -1): its shape in the year's framework (IND-02), its bases (IND-05), sets copied from the
/// unit's other projects (SEM-06) and goals that no indicator measures (SEM-07).
/// </summary>
public static class SetRules
{
    /// <summary>The categories every set needs: 产出 (数量, 质量, 时效), 效益 and 满意度.</summary>
    private static readonly (string Level1, string? Level2, string Label)[] Required =
    [
        ("产出指标", "数量指标", "数量指标"), ("产出指标", "质量指标", "质量指标"), ("产出指标", "时效指标", "时效指标"),
        ("效益指标", null, "效益指标"), ("满意度指标", null, "满意度指标"),
    ];

    private static readonly string[] StandardTypes = ["计划标准", "行业标准", "历史标准", "其他标准", "标准"];

    /// <summary>Claims in goals or purpose, and the words of an indicator that measures them.</summary>
    private static readonly (string[] Claim, string[] Measure)[] Claims =
    [
        (["覆盖", "WIFI"], ["覆盖", "WIFI", "无线"]),
        (["电费"], ["电", "成本"]),
        (["购置", "采购"], ["购", "采购"]),
        (["培训"], ["培训"]),
    ];

    /// <summary>How many identical indicators make a set a copy of another project's.</summary>
    public const int CopiedIndicators = 3;

    public static IEnumerable<Finding> Check(LintRequest r, IndicatorFramework framework)
    {
        var indicators = r.Indicators;
        if (indicators.Count == 0)
        {
            yield return new Finding(-1, "IND-02", Severity.Error, "指标集为空，请至少填报产出、效益和满意度指标。");
            yield break;
        }
        // Before the year the division adopts 101号 a missing category is a warning, from it an error.
        var shape = framework.CostRequired ? Severity.Error : Severity.Warning;
        var missing = Required.Where(c => !indicators.Any(i => i.Level1.Trim() == c.Level1 && (c.Level2 is null || i.Level2.Trim() == c.Level2)))
            .Select(c => c.Label).ToList();
        if (missing.Count > 0)
            yield return new Finding(-1, "IND-02", shape, $"指标集缺少{string.Join("、", missing)}，产出指标下应有数量、质量、时效指标，另有效益和满意度指标。");
        if (framework.CostRequired && !indicators.Any(i => i.Level1.Trim() == "成本指标"))
            yield return new Finding(-1, "IND-02", Severity.Error, $"按{framework.Title}，项目应设置成本指标（经济成本、社会成本或生态环境成本）。");

        if (indicators.Any(i => i.Basis.Trim().Length > 0) && !indicators.Any(i => i.Basis.Mentions(StandardTypes)))
            yield return new Finding(-1, "IND-05", IndicatorWording.Catalogued("IND-05"),
                $"指标值确定依据都没有说明标准类型{(indicators.Select(i => i.Basis.Trim()).Distinct().Count() == 1 ? $"（全部引用「{indicators[0].Basis.Trim()}」）" : "")}；" +
                "请注明目标值按计划标准、行业标准、历史标准或其他标准确定。");

        foreach (var sibling in r.SiblingList)
        {
            var shared = indicators.Where(i => sibling.Indicators.Any(s => Same(i, s))).Select(i => i.Name.Trim()).Distinct().ToList();
            if (shared.Count >= CopiedIndicators)
                yield return new Finding(-1, "SEM-06", IndicatorWording.Catalogued("SEM-06"),
                    $"与同单位项目 {sibling.ProjectCode}{(sibling.Name.Length > 0 ? $"「{sibling.Name}」" : "")}有 {shared.Count} 个指标完全相同（{string.Join("、", shared)}），请按本项目的用途设置指标。");
        }

        var goals = r.GoalList.Append(r.Purpose ?? "").Where(g => g.Trim().Length > 0).ToList();
        var said = string.Join(" ", indicators.Select(i => $"{i.Name} {i.Description}"));
        foreach (var (claim, measure) in Claims)
            if (goals.FirstOrDefault(g => g.Mentions(claim)) is { } goal && !said.Mentions(measure))
                yield return new Finding(-1, "SEM-07", IndicatorWording.Catalogued("SEM-07"),
                    $"绩效目标或资金用途「{goal.Trim()}」中的「{claim.First(c => goal.Contains(c, StringComparison.OrdinalIgnoreCase))}」没有指标衡量，请增加对应指标（如覆盖率、数量或成本）。");
    }

    private static bool Same(LintIndicator a, LintIndicator b) =>
        a.Name.Trim() == b.Name.Trim() && a.Description.Trim() == b.Description.Trim() && a.Target.Trim() == b.Target.Trim() && a.Name.Trim().Length > 0;
}
