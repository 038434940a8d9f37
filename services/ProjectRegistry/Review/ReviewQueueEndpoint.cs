using PerfPlatform.Contracts.Registry;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;

namespace PerfPlatform.ProjectRegistry;

/// <summary>
/// GET /v1/review-queue: the projects waiting for the finance bureau's review, the longest waiting first, a page at a time.
/// One query over the submitted projects' own index (migration 0006), however many units the province has. Pages follow
/// on from the previous page's last project, so that what is reviewed meanwhile leaves the queue without hiding the rest.
/// </summary>
public sealed partial class RegistryService
{
    public override async Task<ListProjectsResponse> ListReviewQueue(ListReviewQueueRequest request, ServerCallContext context)
    {
        ProjectCursor? after = null;
        new Violations()
            .Year(request.Year, optional: true)
            .DivisionCode(request.DivisionCode, optional: true)
            .Page(request.Page, MaxPageSize, DefaultPageSize, token => ProjectCursor.TryParse(token, out after) && InRange(after!.Value), out var page)
            .ThrowIfAny();
        context.Caller().RequireFinance("查看待审核项目");
        var query = db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatuses.Submitted);
        if (request.Year != 0) query = query.Where(p => p.Year == request.Year);
        if (request.DivisionCode.Length > 0) query = query.Where(p => p.DivisionCode == request.DivisionCode);
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        if (after is { } cursor)
        {
            var (at, code) = (DateTimeOffset.UnixEpoch.AddTicks(cursor.Value * TimeSpan.TicksPerMicrosecond), cursor.ProjectCode);
            // A row comparison, which the queue's index (year, updated_at, code) seeks to.
            query = query.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.UpdatedAt, p.Code), ValueTuple.Create(at, code)));
        }
        var items = await query.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Code).Take(page.Size + 1).ToListAsync(ct);
        var more = items.Count > page.Size;
        if (more) items.RemoveAt(page.Size);
        return new ListProjectsResponse
        {
            Projects = { items.Select(p => p.ToProto()) },
            Page = new PageResponse { TotalSize = total, NextPageToken = more ? Cursor(items[^1]).ToString() : "" },
        };
    }

    private static bool InRange(ProjectCursor cursor) =>
        cursor.Value >= (DateTimeOffset.MinValue - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond
        && cursor.Value <= (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>The project's place in the queue: when it was submitted (to the microsecond PostgreSQL keeps), then its code.</summary>
    private static ProjectCursor Cursor(Projects.Project p) =>
        new((p.UpdatedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, p.Code);
}
