using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.DisbursementTracking.Disbursements;
using PerfPlatform.DisbursementTracking.Warnings;
using PerfPlatform.Protos.Disbursement.V1;

namespace PerfPlatform.DisbursementTracking;

/// <summary>
/// GET /v1/projects/{code}/execution?asOf=: budget, spent by then, execution and plan in basis points, lag, warning. asOf
/// means the end of that day (asOf=2021-06-30 counts 6月底 as passed); without it, the end of today in the service's
/// time zone. POST /v1/executions:batchGet: the same for a list's projects in one call, read with three queries.
/// </summary>
public sealed partial class DisbursementService
{
    public const int MaxExecutionsAtOnce = 200;

    public override async Task<Execution> GetExecution(GetExecutionRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var asOf = AsOf(request.AsOf, violations);
        violations.ThrowIfAny();
        var ct = context.CancellationToken;
        var project = await VisibleProject(request.ProjectCode, context.Caller(), ct);
        var spent = await db.SpentUpToAsync([project.Code], asOf, ct);
        var plan = await db.Plans.FindAsync([project.Code], ct);
        return ExecutionOf(project, asOf, spent.GetValueOrDefault(project.Code), plan is null ? null : PlanOf(plan));
    }

    public override async Task<BatchGetExecutionsResponse> BatchGetExecutions(BatchGetExecutionsRequest request, ServerCallContext context)
    {
        var violations = new Violations()
            .When(request.ProjectCodes.Count is 0 or > MaxExecutionsAtOnce, "project_codes", $"一次应查询 1 至 {MaxExecutionsAtOnce} 个项目。")
            .When(request.ProjectCodes.Distinct().Count() < request.ProjectCodes.Count, "project_codes", "项目编码不能重复。");
        foreach (var (code, i) in request.ProjectCodes.Take(MaxExecutionsAtOnce).Select((c, i) => (c, i)))
            violations.ProjectCode(code, $"project_codes[{i}]");
        var asOf = AsOf(request.AsOf, violations);
        violations.ThrowIfAny();
        var caller = context.Caller();
        var ct = context.CancellationToken;
        var codes = request.ProjectCodes.ToArray();
        var projects = (await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code)).ToListAsync(ct))
            .Where(p => caller.CanActFor(p.DivisionCode, p.UnitCode)).ToDictionary(p => p.Code);
        var visible = projects.Keys.ToArray();
        var spent = await db.SpentUpToAsync(visible, asOf, ct);
        var plans = await db.Plans.AsNoTracking().Where(p => visible.Contains(p.ProjectCode)).ToDictionaryAsync(p => p.ProjectCode, ct);
        return new BatchGetExecutionsResponse
        {
            Executions =
            {
                codes.Where(projects.ContainsKey).Select(code => ExecutionOf(projects[code], asOf, spent.GetValueOrDefault(code),
                    plans.TryGetValue(code, out var plan) ? PlanOf(plan) : null)),
            },
        };
    }

    /// <summary>A request's as_of (empty: today in the service's time zone); a malformed one is added to <paramref name="violations"/>.</summary>
    private DateOnly AsOf(string text, Violations violations)
    {
        var asOf = clock.Today;
        violations.When(text.Length > 0 && !DisbursementRules.TryDate(text, out asOf), "as_of", "截止日期应为 YYYY-MM-DD 格式的有效日期。");
        return asOf;
    }

    /// <summary>A project's execution as of a date, from what it had spent by then and its plan (null: none filed).</summary>
    private Execution ExecutionOf(ProjectCopy project, DateOnly asOf, long spentFen, IReadOnlyList<PlannedCheckpoint>? plan)
    {
        var execution = new Execution
        {
            ProjectCode = project.Code, AsOf = asOf.ToString("yyyy-MM-dd"), BudgetFen = project.TotalFen, SpentFen = spentFen,
            ExecutionBp = BasisPoints.Ratio(spentFen, project.TotalFen), RedLagBp = Options.RedLagBp, YearEndBp = BasisPoints.Full,
        };
        if (plan is null) return execution;
        execution.YearEndBp = plan.LastOrDefault(c => c.CumulativeBp is not null)?.CumulativeBp ?? BasisPoints.Full;
        var evaluation = WarningPolicy.Evaluate(plan, project.Year, asOf, project.TotalFen, spentFen, Options);
        execution.PlannedBp = evaluation.PlannedBp;
        execution.LagBp = evaluation.LagBp;
        if (evaluation.Level.Length > 0)
            execution.Warning = new Warning
            {
                ProjectCode = project.Code, DivisionCode = project.DivisionCode, UnitCode = project.UnitCode, Year = project.Year,
                Level = evaluation.Level, Message = evaluation.Message, LagBp = evaluation.LagBp,
                CheckpointMonth = evaluation.Checkpoint?.Month ?? 0, RaisedOn = execution.AsOf,
            };
        return execution;
    }
}
