using PerfPlatform.Protos.Common.V1;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>GET /v1/projects/{code}/indicators/audit: the set's changes, for the project's history beside the registry's.</summary>
public sealed partial class CatalogueService
{
    public override async Task<ListProjectAuditResponse> ListIndicatorSetAudit(ListProjectAuditRequest request, ServerCallContext context)
    {
        new Violations().ProjectCode(request.ProjectCode).ThrowIfAny();
        var page = AuditPages.Asked(request.Page);
        var project = await projects.GetVisibleAsync(request.ProjectCode, context.Caller(), context.CancellationToken);
        return await AuditPages.ReadAsync(AuditPages.OfProject(db, "indicator_set", project.Code), page, context.CancellationToken);
    }
}
