using PerfPlatform.Contracts.Checks;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>GET /v1/checks — the check catalogue, as the console and perfctl checks show it.</summary>
public sealed partial class CatalogueService
{
    private static readonly ListChecksResponse Checks = new() { Rules = { CheckCatalogue.All.Select(ToProto) } };

    public override Task<ListChecksResponse> ListChecks(ListChecksRequest request, ServerCallContext context) => Task.FromResult(Checks);

    public static Protos.Indicators.V1.CheckRule ToProto(Contracts.Checks.CheckRule r) => new()
    {
        Id = r.Id,
        Severity = r.Severity switch { CheckSeverity.Error => Severity.Error, CheckSeverity.Warning => Severity.Warning, _ => Severity.Info },
        Category = r.Category,
        Title = r.Title,
        Explanation = r.Explanation,
        Example = r.Example,
        Fix = r.Fix,
        Stage = r.Stage.ToString().ToLowerInvariant(),
        WhereEnforced = r.EnforcedBy,
        CatalogueSeverity = r.CatalogueSeverity,
        SeverityNote = r.SeverityNote,
    };
}
