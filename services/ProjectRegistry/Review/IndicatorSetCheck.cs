using Grpc.Core;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.ServiceDefaults.Errors;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;

namespace PerfPlatform.ProjectRegistry.Review;

/// <summary>A project goes to review only with an indicator set that the catalogue's linter finds no error in.</summary>
public sealed class IndicatorSetCheck(CatalogueClient catalogue) : ISubmissionCheck
{
    public async Task<IReadOnlyList<FieldViolation>> CheckAsync(Project project, CancellationToken ct)
    {
        IndicatorSet set;
        try
        {
            set = await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return [new FieldViolation("indicators", "提交前请填报绩效指标（指标集为空）。")];
        }
        if (set.Indicators.Count == 0) return [new FieldViolation("indicators", "提交前请填报绩效指标（指标集为空）。")];
        return set.Findings
            .Where(f => f.Severity == Severity.Error)
            .Select(f => new FieldViolation(
                f.IndicatorIndex >= 0 ? $"indicators[{f.IndicatorIndex}]" : "indicators", $"[{f.RuleId}] {f.Message}"))
            .ToList();
    }
}

/// <summary>All the checks a submission passes, in order; every problem of every check is reported at once.</summary>
public sealed class SubmissionChecks(IEnumerable<ISubmissionCheck> checks)
{
    public async Task<IReadOnlyList<FieldViolation>> RunAsync(Project project, CancellationToken ct)
    {
        var problems = new List<FieldViolation>();
        foreach (var check in checks) problems.AddRange(await check.CheckAsync(project, ct));
        return problems;
    }
}
