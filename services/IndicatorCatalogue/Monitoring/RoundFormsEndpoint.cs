using PerfPlatform.Contracts.Performance;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>
/// GET /v1/monitoring/rounds/{roundId}/forms: the round's projects in scope that the caller may see, each with its form's
/// state and the rectification the rules call for as of the round's date, a page at a time in project code order.
/// </summary>
public sealed partial class MonitoringService
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public override async Task<ListMonitoringFormsResponse> ListRoundForms(ListMonitoringFormsRequest request, ServerCallContext context)
    {
        new Violations()
            .When(!Guid.TryParse(request.RoundId, out _), "round_id", "监控轮次编号格式不正确。")
            .UnitCode(request.UnitCode, optional: true)
            .Page(request.Page, MaxPageSize, DefaultPageSize, Codes.IsProject, out var asked)
            .ThrowIfAny();
        var caller = context.Caller();
        var ct = context.CancellationToken;
        var round = await GetRoundAsync(request.RoundId, caller, ct);

        var scope = db.Projects.AsNoTracking()
            .Where(p => p.Year == round.Year && p.DivisionCode == round.DivisionCode && p.Status == ProjectStatuses.Approved);
        if (request.UnitCode.Length > 0) scope = scope.Where(p => p.UnitCode == request.UnitCode);
        if (!caller.IsFinance)
        {
            var units = caller.UnitKeys.Where(k => k.StartsWith(round.DivisionCode + ":", StringComparison.Ordinal))
                .Select(k => k[(round.DivisionCode.Length + 1)..]).ToList();
            scope = scope.Where(p => units.Contains(p.UnitCode));
        }
        var total = await scope.CountAsync(ct);
        var (size, after) = (asked.Size, asked.Token);
        var page = await scope.Where(p => string.Compare(p.Code, after) > 0).OrderBy(p => p.Code).Take(size + 1).ToListAsync(ct);
        var more = page.Count > size;
        if (more) page.RemoveAt(size);

        var codes = page.Select(p => p.Code).ToList();
        var forms = await db.Forms.AsNoTracking().Where(f => f.RoundId == round.Id && codes.Contains(f.ProjectCode)).ToListAsync(ct);
        var targets = (await db.Indicators.AsNoTracking().Where(i => codes.Contains(i.ProjectCode)).ToListAsync(ct))
            .ToLookup(i => i.ProjectCode);
        var response = new ListMonitoringFormsResponse
        {
            Round = ToProto(round),
            Page = new PageResponse { NextPageToken = more ? page[^1].Code : "", TotalSize = total },
        };
        var monies = await money.GetManyOrFiledAsync(page, round.AsOf, ct);
        foreach (var (project, projectMoney) in page.Zip(monies))
        {
            var view = new FormView(round, project, targets[project.Code].OrderBy(i => i.Position).ToList(),
                forms.FirstOrDefault(f => f.ProjectCode == project.Code), projectMoney);
            var form = view.ToProto();
            response.Forms.Add(new MonitoringFormSummary
            {
                ProjectCode = project.Code, ProjectName = project.Name, UnitCode = project.UnitCode, Status = form.Status, StatusLabel = form.StatusLabel,
                BudgetFen = form.BudgetFen, SpentFen = form.SpentFen, ExecutionBp = form.ExecutionBp, PlannedBp = form.PlannedBp,
                LagBp = form.LagBp, NeedsRectification = form.NeedsRectification, Reasons = { form.Reasons }, Rectified = form.Rectified,
                ReductionCandidateFen = form.ReductionCandidateFen,
            });
        }
        return response;
    }
}
