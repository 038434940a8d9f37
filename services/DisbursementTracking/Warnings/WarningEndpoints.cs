using PerfPlatform.Protos.Disbursement.V1;

namespace PerfPlatform.DisbursementTracking;

/// <summary>GET /v1/warnings?year=&amp;divisionCode=&amp;unitCode=: active warnings, worst first; a department sees its own units'.</summary>
public sealed partial class DisbursementService
{
    public override async Task<ListWarningsResponse> ListWarnings(ListWarningsRequest request, ServerCallContext context)
    {
        new Violations()
            .Year(request.Year)
            .DivisionCode(request.DivisionCode, optional: true)
            .UnitCode(request.UnitCode, optional: true)
            .ThrowIfAny();
        var caller = context.Caller();
        var rows = await (from w in db.Warnings.AsNoTracking()
                          join p in db.Projects.AsNoTracking() on w.ProjectCode equals p.Code
                          where p.Year == request.Year
                                && (request.DivisionCode == "" || p.DivisionCode == request.DivisionCode)
                                && (request.UnitCode == "" || p.UnitCode == request.UnitCode)
                          orderby w.LagBp descending, w.ProjectCode
                          select new { w, p }).ToListAsync(context.CancellationToken);
        return new ListWarningsResponse
        {
            Warnings =
            {
                rows.Where(x => caller.CanActFor(x.p.DivisionCode, x.p.UnitCode)).Select(x => new Warning
                {
                    ProjectCode = x.p.Code, DivisionCode = x.p.DivisionCode, UnitCode = x.p.UnitCode, Year = x.p.Year, Level = x.w.Level,
                    Message = x.w.Message, LagBp = x.w.LagBp, CheckpointMonth = x.w.CheckpointMonth, RaisedOn = x.w.RaisedOn.ToString("yyyy-MM-dd"),
                }),
            },
        };
    }
}
