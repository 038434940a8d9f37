using Microsoft.Extensions.Options;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// 绩效自评 over gRPC and REST: the form (GET), the department's values (PUT), its submission and the finance bureau's
/// review; each feature file adds its methods to this partial class.
/// </summary>
public sealed partial class SelfEvaluationService(CatalogueDb db, TimeProvider clock, KnownProjects projects, YearEndSpending spending,
    IOptions<ScoringOptions> scoring) : Protos.Indicators.V1.SelfEvaluation.SelfEvaluationBase
{
    public const string SpendingUnavailable = "SPENDING_UNAVAILABLE";

    private ScoringOptions Options => scoring.Value;

    public override async Task<SelfEvaluationForm> GetSelfEvaluation(GetSelfEvaluationRequest request, ServerCallContext context)
    {
        CheckCode(request.ProjectCode);
        var state = await LoadAsync(request.ProjectCode, context.Caller(), tracked: false, context.CancellationToken);
        return SelfEvaluationForms.ToForm(state, state.Score(Options), Options);
    }

    private static void CheckCode(string code) =>
        new Violations().ProjectCode(code).ThrowIfAny();

    /// <summary>
    /// The project (visible to the caller and approved), its indicators with their year-end values, and the stored
    /// evaluation; a form never saved takes the payments to 12-31 as its spending, or nothing when they cannot be had.
    /// </summary>
    private async Task<SelfEvaluationState> LoadAsync(string code, Caller caller, bool tracked, CancellationToken ct)
    {
        var project = await projects.GetVisibleAsync(code, caller, ct);
        if (project.Status != ProjectStatuses.Approved)
            throw new FailedPreconditionException($"项目 {code} 尚未批复（当前：{ProjectStatuses.LabelOf(project.Status)}），只有已批复的项目可以绩效自评。",
                [new FieldViolation("project_code", "项目尚未批复。")]);
        var sets = db.Sets.Include(s => s.Indicators).ThenInclude(i => i.Actuals);
        var set = await (tracked ? sets : sets.AsNoTracking()).FirstOrDefaultAsync(s => s.ProjectCode == code, ct);
        if (set is null || set.Indicators.Count == 0)
            throw new FailedPreconditionException($"项目 {code} 没有绩效指标，无法自评。");
        var evaluations = tracked ? db.SelfEvaluations : db.SelfEvaluations.AsNoTracking();
        var stored = await evaluations.FirstOrDefaultAsync(e => e.ProjectCode == code, ct);
        var budget = project.ApprovedFen ?? project.TotalFen;
        if (stored is not null)
            return new SelfEvaluationState(project, set, stored, stored.BudgetFen, stored.SpentFen, stored.SpentSource,
                SelfEvaluationForms.InputsOf(stored), []);
        try
        {
            var spent = await spending.SpentByYearEndAsync(code, project.Year, ct);
            return new SelfEvaluationState(project, set, null, budget, spent, SelfEvaluationRecord.FromPayments, new Dictionary<int, StoredEvaluationInput>(), []);
        }
        catch (Exception e) when (e is RpcException { StatusCode: StatusCode.Unavailable } or FailedPreconditionException)
        {
            // A blank form still opens; its spending is the department's to state until the payments can be had.
            var message = e is RpcException r ? r.Status.Detail : e.Message;
            return new SelfEvaluationState(project, set, null, budget, 0, "", new Dictionary<int, StoredEvaluationInput>(),
                [new ScoreFinding(SpendingUnavailable, message)]);
        }
    }

    private static void CheckVersion(SelfEvaluationRecord? stored, long version, string code)
    {
        if (version != 0 && version != (stored?.Version ?? 0))
            throw new ConcurrencyConflictException($"项目 {code} 的绩效自评已被修改（当前版本 {stored?.Version ?? 0}），请刷新后重试。");
    }
}
