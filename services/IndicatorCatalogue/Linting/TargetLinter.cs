using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Linting;

/// <summary>
/// Checks a project's indicator set for the mistakes a reviewer would send back: per indicator (<see cref="IndicatorLintRules"/>)
/// and over the whole set (a quantity indicator, a cost indicator where the framework asks for one, no duplicate names).
/// Findings come in indicator order; set-level findings (index -1) first.
/// </summary>
public sealed class TargetLinter(FrameworkCatalog frameworks)
{
    public LintResult Lint(LintRequest request)
    {
        var framework = frameworks.Resolve(request.BudgetYear);
        var parsed = request.Indicators.Select(i => TargetParser.Parse(i.Target, request.BudgetYear)).ToList();
        var findings = new List<Finding>();
        findings.AddRange(SetFindings(request.Indicators, framework));
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < request.Indicators.Count; i++)
        {
            var context = new IndicatorContext(i, request.Indicators[i], parsed[i], framework);
            foreach (var (ruleId, severity, check) in IndicatorLintRules.All)
                if (check(context) is { } message) findings.Add(new Finding(i, ruleId, severity, message));
            var name = context.Name;
            if (name.Length > 0 && !seen.TryAdd(name, i))
                findings.Add(new Finding(i, "IND-06", Severity.Error,
                    $"指标名称「{name}」与第 {seen[name] + 1} 个指标重复，同一项目内的指标名称不能相同。"));
        }
        return new LintResult(framework.Version, parsed, findings);
    }

    private static IEnumerable<Finding> SetFindings(IReadOnlyList<LintIndicator> indicators, IndicatorFramework framework)
    {
        if (indicators.Count == 0)
        {
            yield return new Finding(-1, "IND-02", Severity.Error, "指标集为空，请至少填报产出、效益和满意度指标。");
            yield break;
        }
        if (!indicators.Any(i => i.Level1.Trim() == "产出指标" && i.Level2.Trim() == "数量指标"))
            yield return new Finding(-1, "IND-02", Severity.Warning, "产出指标下没有数量指标，请至少设置一个数量指标。");
        if (framework.CostRequired && !indicators.Any(i => i.Level1.Trim() == "成本指标"))
            yield return new Finding(-1, "IND-02", Severity.Warning, $"按{framework.Title}，项目应设置成本指标（经济成本、社会成本或生态环境成本）。");
    }
}
