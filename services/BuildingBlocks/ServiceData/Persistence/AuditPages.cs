using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.ServiceDefaults.Persistence;

/// <summary>A page of audit entries as every service answers it: newest first, the next page after the last entry's id.</summary>
public static class AuditPages
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The page asked for, or INVALID_ARGUMENT naming page.page_size or page.page_token.</summary>
    public static PageAsked Asked(PageRequest? page)
    {
        new Violations().Page(page, MaxPageSize, DefaultPageSize, PageTokens.IsRowId, out var asked).ThrowIfAny();
        return asked;
    }

    public static async Task<ListProjectAuditResponse> ReadAsync(IQueryable<AuditEntry> query, PageAsked page, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        if (page.RowId > 0) query = query.Where(a => a.Id < page.RowId);
        var items = await query.OrderByDescending(a => a.Id).Take(page.Size + 1).ToListAsync(ct);
        return new ListProjectAuditResponse
        {
            Entries =
            {
                items.Take(page.Size).Select(a => new Protos.Common.V1.AuditEntry
                {
                    Id = a.Id, EntityType = a.EntityType, EntityKey = a.EntityKey, Action = a.Action, Actor = a.Actor,
                    Time = Timestamp.FromDateTimeOffset(a.At), BeforeJson = a.Before ?? "", AfterJson = a.After ?? "",
                }),
            },
            Page = new PageResponse { TotalSize = total, NextPageToken = items.Count > page.Size ? items[page.Size - 1].Id.ToString() : "" },
        };
    }

    /// <summary>One entity type's entries about one project, read by whoever may read the project.</summary>
    public static IQueryable<AuditEntry> OfProject(DbContext db, string entityType, string projectCode) =>
        db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityType == entityType && a.EntityKey == projectCode);

    /// <summary>
    /// A page of what a service audited about a project: the request checked first, then <paramref name="visibleProject"/>
    /// (the service's own rule for who may read the project, which throws when the caller may not) gives its code.
    /// </summary>
    public static async Task<ListProjectAuditResponse> OfProjectAsync(DbContext db, string entityType, ListProjectAuditRequest request,
        Func<Task<string>> visibleProject, CancellationToken ct)
    {
        new Violations().ProjectCode(request.ProjectCode).ThrowIfAny();
        var page = Asked(request.Page);
        return await ReadAsync(OfProject(db, entityType, await visibleProject()), page, ct);
    }
}
