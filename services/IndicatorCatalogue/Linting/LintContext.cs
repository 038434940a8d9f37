using PerfPlatform.Documents.Checks;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>
/// The optional project context of a lint request (goals, the unit's other projects), held to the registry's limits (as
/// <see cref="ServiceLimits"/> mirrors them) and the catalogue's own, so that context never costs more than the sets it
/// stands for.
/// </summary>
public static class LintContext
{
    public const int MaxSiblings = 100;

    public static void Check(Violations v, LintTargetsRequest request)
    {
        v.When(request.Goals.Count > ServiceLimits.MaxGoals, "goals", $"绩效目标最多 {ServiceLimits.MaxGoals} 条。")
            .When(request.Siblings.Count > MaxSiblings, "siblings", $"一次最多附带 {MaxSiblings} 个同单位项目。");
        for (var i = 0; i < Math.Min(request.Goals.Count, ServiceLimits.MaxGoals); i++)
            v.MaxLength(request.Goals[i], ServiceLimits.MaxGoalLength, $"goals[{i}]", "绩效目标");
        for (var s = 0; s < Math.Min(request.Siblings.Count, MaxSiblings); s++)
        {
            var sibling = request.Siblings[s];
            var field = $"siblings[{s}]";
            v.MaxLength(sibling.ProjectCode, 21, $"{field}.project_code", "项目编码")
                .MaxLength(sibling.Name, ServiceLimits.MaxProjectName, $"{field}.name", "项目名称")
                .When(sibling.Indicators.Count > CatalogueService.MaxIndicators, $"{field}.indicators", $"一个项目的绩效指标不能超过 {CatalogueService.MaxIndicators} 个。");
            for (var i = 0; i < Math.Min(sibling.Indicators.Count, CatalogueService.MaxIndicators); i++)
                Sets.IndicatorFieldLimits.Check(v, sibling.Indicators[i], $"{field}.indicators[{i}]");
        }
    }
}
