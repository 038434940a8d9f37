using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.ProjectRegistry;

/// <summary>A project's audit trail, newest first, readable by whoever may read the project.</summary>
public sealed partial class RegistryService
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var pageSize = request.Page?.PageSize ?? 0;
        var token = request.Page?.PageToken ?? "";
        long before = 0;
        new Violations()
            .When(pageSize is < 0 or > MaxPageSize, "page.page_size", $"每页条数应在 1 至 {MaxPageSize} 之间。")
            .When(token.Length > 0 && (!long.TryParse(token, out before) || before <= 0), "page.page_token", "分页标记无效。")
            .ThrowIfAny();
        var project = await LoadVisibleProject(request.ProjectCode, context, tracking: false);
        var query = db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "project" && a.EntityKey == project.Code);
        var total = await query.CountAsync(context.CancellationToken);
        if (before > 0) query = query.Where(a => a.Id < before);
        var size = pageSize == 0 ? DefaultPageSize : pageSize;
        var items = await query.OrderByDescending(a => a.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        return new ListAuditEntriesResponse
        {
            Entries =
            {
                items.Take(size).Select(a => new AuditEntry
                {
                    Id = a.Id, EntityType = a.EntityType, EntityKey = a.EntityKey, Action = a.Action, Actor = a.Actor,
                    Time = Timestamp.FromDateTimeOffset(a.At), BeforeJson = a.Before ?? "", AfterJson = a.After ?? "",
                }),
            },
            Page = new PageResponse { TotalSize = total, NextPageToken = items.Count > size ? items[size - 1].Id.ToString() : "" },
        };
    }
}
