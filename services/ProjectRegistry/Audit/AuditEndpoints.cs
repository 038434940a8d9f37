using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.ProjectRegistry;

/// <summary>
/// Audit trails, newest first: a project's, readable by whoever may read the project; the reference data's and the
/// department goals', readable by the finance role.
/// </summary>
public sealed partial class RegistryService
{
    private static readonly string[] ReferenceAuditTypes = ["division", "department", "unit", "department_goals"];

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var page = AuditPages.Asked(request.Page);
        // One of the two says what to list (GET /v1/audit sends no project code, a project's audit no entity type).
        if (request.ProjectCode.Length == 0 && request.EntityType.Length == 0)
            new Violations()
                .Add("project_code", "请填写项目编码，或填写审计对象类型 entity_type。")
                .Add("entity_type", $"请填写审计对象类型（{string.Join("、", ReferenceAuditTypes)}），或填写项目编码 project_code。")
                .ThrowIfAny();
        IQueryable<AuditEntry> query;
        if (request.ProjectCode.Length > 0 || request.EntityType == "project")
        {
            var project = await LoadVisibleProject(request.ProjectCode, context, tracking: false);
            query = AuditPages.OfProject(db, "project", project.Code);
        }
        else
        {
            new Violations()
                .When(!ReferenceAuditTypes.Contains(request.EntityType), "entity_type",
                    $"审计对象类型应为 {string.Join("、", ReferenceAuditTypes)} 之一（项目的审计记录请按项目编码查询）。")
                .When(request.EntityKey.Length > 64, "entity_key", "审计对象编码过长。")
                .ThrowIfAny();
            context.Caller().RequireFinance("查看行政区划、部门、单位和部门整体目标的审计记录");
            query = db.AuditEntries.AsNoTracking().Where(a => a.EntityType == request.EntityType);
            if (request.EntityKey.Length > 0) query = query.Where(a => a.EntityKey == request.EntityKey);
        }
        var read = await AuditPages.ReadAsync(query, page, context.CancellationToken);
        return new ListAuditEntriesResponse { Entries = { read.Entries }, Page = read.Page };
    }
}
