using PerfPlatform.DisbursementTracking.Disbursements;
using PerfPlatform.Protos.Disbursement.V1;

namespace PerfPlatform.DisbursementTracking;

/// <summary>
/// GET /v1/projects/{code}/execution?asOf=: budget, spent by then, execution and plan in basis points, lag, warning. asOf
/// means the end of that day (asOf=2021-06-30 counts 6月底 as passed); without it, the end of today in the service's
/// time zone.
/// </summary>
public sealed partial class DisbursementService
{
    public override async Task<Execution> GetExecution(GetExecutionRequest request, ServerCallContext context)
    {
        var asOf = clock.Today;
        new Violations().When(request.AsOf.Length > 0 && !DisbursementRules.TryDate(request.AsOf, out asOf), "as_of",
            "截止日期应为 YYYY-MM-DD 格式的有效日期。").ThrowIfAny();
        var ct = context.CancellationToken;
        var project = await VisibleProject(request.ProjectCode, context.Caller(), ct);
        var (fiscal, other) = await SpentAsync(project.Code, asOf, ct);
        var plan = await db.Plans.FindAsync([project.Code], ct);
        var response = new Execution
        {
            ProjectCode = project.Code, AsOf = asOf.ToString("yyyy-MM-dd"), BudgetFen = project.TotalFen, SpentFen = fiscal + other,
            RedLagBp = Options.RedLagBp,
        };
        response.ExecutionBp = BasisPoints.Ratio(response.SpentFen, response.BudgetFen);
        if (plan is null) return response;
        var evaluation = await warnings.EvaluateAsync(project, PlanOf(plan), asOf, ct);
        response.PlannedBp = evaluation.PlannedBp;
        response.LagBp = evaluation.LagBp;
        if (evaluation.Level.Length > 0)
            response.Warning = new Warning
            {
                ProjectCode = project.Code, DivisionCode = project.DivisionCode, UnitCode = project.UnitCode, Year = project.Year,
                Level = evaluation.Level, Message = evaluation.Message, LagBp = evaluation.LagBp,
                CheckpointMonth = evaluation.Checkpoint?.Month ?? 0, RaisedOn = response.AsOf,
            };
        return response;
    }
}
