using PerfPlatform.Contracts.Registry;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.Protos.Registry.V1;

namespace PerfPlatform.ProjectRegistry;

/// <summary>
/// GET /v1/review-queue: the projects waiting for the finance bureau's review, the longest waiting first, a page at a time.
/// One query over the submitted projects' own index (migration 0006), however many units the province has.
/// </summary>
public sealed partial class RegistryService
{
    public override async Task<ListProjectsResponse> ListReviewQueue(ListReviewQueueRequest request, ServerCallContext context)
    {
        new Violations()
            .Year(request.Year, optional: true)
            .DivisionCode(request.DivisionCode, optional: true)
            .Page(request.Page, MaxPageSize, DefaultPageSize, PageTokens.IsOffset, out var page)
            .ThrowIfAny();
        context.Caller().RequireFinance("查看待审核项目");
        var query = db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatuses.Submitted);
        if (request.Year != 0) query = query.Where(p => p.Year == request.Year);
        if (request.DivisionCode.Length > 0) query = query.Where(p => p.DivisionCode == request.DivisionCode);
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Code).Skip(page.Offset).Take(page.Size).ToListAsync(ct);
        return new ListProjectsResponse
        {
            Projects = { items.Select(p => p.ToProto()) },
            Page = page.OffsetAnswer(total),
        };
    }
}
