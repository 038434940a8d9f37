using PerfPlatform.Protos.Common.V1;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.DisbursementTracking;

/// <summary>GET /v1/projects/{code}/spending-plan/audit: the plan's changes, for the project's history beside the registry's.</summary>
public sealed partial class DisbursementService
{
    public override async Task<ListProjectAuditResponse> ListSpendingPlanAudit(ListProjectAuditRequest request, ServerCallContext context)
    {
        new Violations().ProjectCode(request.ProjectCode).ThrowIfAny();
        var page = AuditPages.Asked(request.Page);
        var project = await VisibleProject(request.ProjectCode, context.Caller(), context.CancellationToken);
        return await AuditPages.ReadAsync(AuditPages.OfProject(db, "spending_plan", project.Code), page, context.CancellationToken);
    }
}
