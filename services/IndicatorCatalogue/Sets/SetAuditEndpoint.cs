using PerfPlatform.Protos.Common.V1;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>GET /v1/projects/{code}/indicators/audit: the set's changes, for the project's history beside the registry's.</summary>
public sealed partial class CatalogueService
{
    public override Task<ListProjectAuditResponse> ListIndicatorSetAudit(ListProjectAuditRequest request, ServerCallContext context) =>
        AuditPages.OfProjectAsync(db, "indicator_set", request,
            async () => (await projects.GetVisibleAsync(request.ProjectCode, context.Caller(), context.CancellationToken)).Code,
            context.CancellationToken);
}
