using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Linting;

/// <summary>
/// Checks a project's indicator set for the mistakes a reviewer would send back: per indicator (<see cref="IndicatorLintRules"/>,
/// <see cref="SemanticRules"/>, against the project <see cref="ProjectRules"/>) and over the whole set (<see cref="SetRules"/>,
/// no duplicate names). Findings come in indicator order; set-level findings (index -1) first.
/// </summary>
public sealed class TargetLinter(FrameworkCatalog frameworks)
{
    public LintResult Lint(LintRequest request)
    {
        var framework = frameworks.Resolve(request.BudgetYear);
        var parsed = request.Indicators.Select(i => TargetParser.Parse(i.Target, request.BudgetYear)).ToList();
        var findings = new List<Finding>();
        findings.AddRange(SetRules.Check(request, framework));
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < request.Indicators.Count; i++)
        {
            var context = new IndicatorContext(i, request.Indicators[i], parsed[i], framework);
            foreach (var (ruleId, severity, check) in IndicatorLintRules.All)
                if (check(context) is { } message) findings.Add(new Finding(i, ruleId, severity, message));
            foreach (var (ruleId, check) in SemanticRules.All)
                if (check(context) is { } message) findings.Add(new Finding(i, ruleId, IndicatorWording.Catalogued(ruleId), message));
            foreach (var (ruleId, check) in ProjectRules.All)
                if (check(context, request) is { } message) findings.Add(new Finding(i, ruleId, IndicatorWording.Catalogued(ruleId), message));
            var name = context.Name;
            if (name.Length > 0 && !seen.TryAdd(name, i))
                findings.Add(new Finding(i, "IND-06", Severity.Error,
                    $"指标名称「{name}」与第 {seen[name] + 1} 个指标重复，同一项目内的指标名称不能相同。"));
        }
        return new LintResult(framework.Version, parsed, findings);
    }
}
