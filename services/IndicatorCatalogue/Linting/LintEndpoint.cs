using PerfPlatform.Documents.Checks;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>POST /v1/targets:lint — the same checks as a stored set gets, without storing anything.</summary>
public sealed partial class CatalogueService
{
    public override Task<LintTargetsResponse> LintTargets(LintTargetsRequest request, ServerCallContext context)
    {
        var v = new Violations()
            .Year(request.BudgetYear, "budget_year")
            .When(request.Indicators.Count > MaxIndicators, "indicators", $"一次最多检查 {MaxIndicators} 个指标。")
            .Amount(request.BudgetFen, "budget_fen", "预算数")
            .MaxLength(request.Purpose, ServiceLimits.MaxPurpose, "purpose", "资金用途");
        for (var i = 0; i < Math.Min(request.Indicators.Count, MaxIndicators); i++)
            Sets.IndicatorFieldLimits.Check(v, request.Indicators[i], $"indicators[{i}]");
        LintContext.Check(v, request);
        v.ThrowIfAny();
        var review = reviewer.Review(request.BudgetYear, request.Indicators, request.BudgetFen > 0 ? request.BudgetFen : null, request.Purpose,
            request.Goals, request.Siblings.Select(s => new Linting.SiblingProject(s.ProjectCode, s.Name, s.Indicators.Select(TargetReviewer.ToLint).ToList())));
        return Task.FromResult(new LintTargetsResponse
        {
            FrameworkVersion = review.FrameworkVersion,
            Findings = { review.Findings.Select(SetMapping.ToProto) },
            Parsed = { review.Parsed.Select(SetMapping.ToProto) },
        });
    }
}
