using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;

namespace PerfPlatform.DisbursementTracking;

/// <summary>
/// GET /v1/warnings?year=&amp;divisionCode=&amp;unitCode=: active warnings, worst first, a page at a time; a department sees its
/// own units' (chosen in the query, so that its pages are full and its total is its own).
/// </summary>
public sealed partial class DisbursementService
{
    private const int DefaultWarningsPage = 200;
    private const int MaxWarningsPage = 1000;

    public override async Task<ListWarningsResponse> ListWarnings(ListWarningsRequest request, ServerCallContext context)
    {
        ProjectCursor? after = null;
        new Violations()
            .Year(request.Year)
            .DivisionCode(request.DivisionCode, optional: true)
            .UnitCode(request.UnitCode, optional: true)
            .When(request.UnitCode.Length > 0 && request.DivisionCode.Length == 0, "division_code",
                "按单位查询预警时请同时填写行政区划代码：单位代码只在本行政区划内唯一。")
            .Page(request.Page, MaxWarningsPage, DefaultWarningsPage, token => ProjectCursor.TryParse(token, out after), out var page)
            .ThrowIfAny();
        var caller = context.Caller();
        var ct = context.CancellationToken;
        var rows = from w in db.Warnings.AsNoTracking()
                   join p in db.Projects.AsNoTracking() on w.ProjectCode equals p.Code
                   where p.Year == request.Year
                         && (request.DivisionCode == "" || p.DivisionCode == request.DivisionCode)
                         && (request.UnitCode == "" || p.UnitCode == request.UnitCode)
                   select new { w, p };
        if (!caller.IsFinance)
        {
            // PerfClaims.UnitValue's "division:unit", as Reporting's queries match it.
            var units = caller.UnitKeys.ToArray();
            rows = rows.Where(x => units.Contains(x.p.DivisionCode + ":" + x.p.UnitCode));
        }
        var total = await rows.CountAsync(ct);
        // After the last row of the previous page, by its lag and code.
        if (after is { } cursor)
            rows = rows.Where(x => x.w.LagBp < cursor.Value || (x.w.LagBp == cursor.Value && string.Compare(x.p.Code, cursor.ProjectCode) > 0));
        var items = await rows.OrderByDescending(x => x.w.LagBp).ThenBy(x => x.p.Code).Take(page.Size + 1).ToListAsync(ct);
        var more = items.Count > page.Size;
        if (more) items.RemoveAt(page.Size);
        return new ListWarningsResponse
        {
            Warnings =
            {
                items.Select(x => new Warning
                {
                    ProjectCode = x.p.Code, ProjectName = x.p.Name, DivisionCode = x.p.DivisionCode, UnitCode = x.p.UnitCode, Year = x.p.Year, Level = x.w.Level,
                    Message = x.w.Message, LagBp = x.w.LagBp, CheckpointMonth = x.w.CheckpointMonth, RaisedOn = x.w.RaisedOn.ToString("yyyy-MM-dd"),
                }),
            },
            Page = new PageResponse { NextPageToken = more ? new ProjectCursor(items[^1].w.LagBp, items[^1].p.Code).ToString() : "", TotalSize = total },
        };
    }
}
