using PerfPlatform.Protos.Common.V1;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.DisbursementTracking;

/// <summary>GET /v1/projects/{code}/spending-plan/audit: the plan's changes, for the project's history beside the registry's.</summary>
public sealed partial class DisbursementService
{
    public override Task<ListProjectAuditResponse> ListSpendingPlanAudit(ListProjectAuditRequest request, ServerCallContext context) =>
        AuditPages.OfProjectAsync(db, "spending_plan", request,
            async () => (await VisibleProject(request.ProjectCode, context.Caller(), context.CancellationToken)).Code,
            context.CancellationToken);
}
