using System.Text.Json;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// The department fills the form (PUT: the whole form each time, saved as a draft) and submits it; the finance bureau
/// reviews it (复核), which accepts it. Each change is audited, versioned and published (SelfEvaluationChanged).
/// </summary>
public sealed partial class SelfEvaluationService
{
    public override async Task<SelfEvaluationForm> PutSelfEvaluation(PutSelfEvaluationRequest request, ServerCallContext context)
    {
        var inputs = SelfEvaluationChecks.CheckShape(request, Options);
        var caller = context.Caller();
        var ct = context.CancellationToken;
        var state = await LoadAsync(request.ProjectCode, caller, tracked: true, ct);
        SelfEvaluationChecks.CheckAgainstSet(request, inputs, state, Options);
        var stored = state.Stored;
        CheckVersion(stored, request.Version, request.ProjectCode);
        if (stored is not null && stored.Status != PerformanceStatuses.Draft)
            throw new FailedPreconditionException($"项目 {request.ProjectCode} 的绩效自评已{PerformanceStatuses.Label(stored.Status)}，不能再修改。");
        var spent = request.HasSpentFen ? request.SpentFen : await spending.SpentByYearEndAsync(request.ProjectCode, state.Project.Year, ct);

        var before = stored is null ? null : SelfEvaluationForms.ToForm(state, state.Score(Options), Options);
        var now = clock.Now();
        foreach (var indicator in state.Indicators)
            WriteReached(indicator, request.Indicators.FirstOrDefault(x => x.Index == indicator.Position)?.Reached.Trim() ?? "", caller.Subject, now);
        if (stored is null)
        {
            stored = new SelfEvaluationRecord
            {
                ProjectCode = state.Project.Code, DivisionCode = state.Project.DivisionCode, UnitCode = state.Project.UnitCode,
                Year = state.Project.Year, Status = PerformanceStatuses.Draft,
            };
            db.SelfEvaluations.Add(stored);
        }
        stored.BudgetFen = state.Project.ApprovedFen ?? state.Project.TotalFen;
        stored.SpentFen = spent;
        stored.SpentSource = request.HasSpentFen ? SelfEvaluationRecord.FromDepartment : SelfEvaluationRecord.FromPayments;
        stored.Inputs = JsonSerializer.Serialize(inputs.Values.OrderBy(i => i.Index));
        var saved = state with
        {
            Stored = stored, BudgetFen = stored.BudgetFen, SpentFen = spent, SpentSource = stored.SpentSource, Inputs = inputs, ExtraFindings = [],
        };
        // The changes above stay in this request's unit of work, which is never saved when only validating.
        return request.ValidateOnly ? SelfEvaluationForms.ToForm(saved, saved.Score(Options), Options) : await SaveAsync(saved, "save", before, caller, ct);
    }

    /// <summary>The value reached is the year-end actual beside the target: one place for it, whoever reads it.</summary>
    private void WriteReached(IndicatorRecord indicator, string reached, string by, DateTimeOffset now)
    {
        var actual = indicator.Actuals.FirstOrDefault(a => a.Period == ActualValueRecord.YearEnd);
        if (reached.Length == 0)
        {
            if (actual is not null) indicator.Actuals.Remove(actual);
            return;
        }
        if (actual is null)
        {
            actual = new ActualValueRecord { ProjectCode = indicator.ProjectCode, Position = indicator.Position, Period = ActualValueRecord.YearEnd };
            indicator.Actuals.Add(actual);
        }
        if (actual.Value == reached) return;
        actual.Value = reached;
        actual.RecordedAt = now;
        actual.RecordedBy = by;
    }

    public override async Task<SelfEvaluationForm> SubmitSelfEvaluation(SubmitSelfEvaluationRequest request, ServerCallContext context)
    {
        new Violations()
            .ProjectCode(request.ProjectCode)
            .When(request.Version < 0, "version", "版本号不能为负数。")
            .ThrowIfAny();
        var caller = context.Caller();
        var state = await LoadAsync(request.ProjectCode, caller, tracked: true, context.CancellationToken);
        var stored = state.Stored ?? throw new FailedPreconditionException($"项目 {request.ProjectCode} 还没有填报绩效自评。");
        CheckVersion(stored, request.Version, request.ProjectCode);
        if (stored.Status != PerformanceStatuses.Draft)
            throw new FailedPreconditionException($"项目 {request.ProjectCode} 的绩效自评已{PerformanceStatuses.Label(stored.Status)}。");
        var score = state.Score(Options);
        var v = new Violations();
        foreach (var (indicator, item) in state.Indicators.Zip(score.Items))
        {
            var at = $"indicators[{indicator.Position}]";
            var input = state.Inputs.GetValueOrDefault(indicator.Position);
            foreach (var f in item.Findings.Where(f => f.Code is ScoreFinding.ReachedUnreadable or ScoreFinding.GradeMissing))
                v.Add(f.Code == ScoreFinding.GradeMissing ? $"{at}.grade" : $"{at}.reached", $"「{indicator.Name}」：{f.Message}");
            if (!item.FallsShort) continue;
            var shortfall = $"「{indicator.Name}」得分 {SelfEvaluationForms.Two(item.Score)} 低于分值 {SelfEvaluationForms.Two(item.Points)}";
            v.When(string.IsNullOrWhiteSpace(input?.Cause), $"{at}.cause", $"{shortfall}，请填写偏差原因分析。")
                .When(string.IsNullOrWhiteSpace(input?.Measure), $"{at}.measure", $"{shortfall}，请填写改进措施。");
        }
        v.ThrowIfAny();
        var before = SelfEvaluationForms.ToForm(state, score, Options);
        stored.Status = PerformanceStatuses.Submitted;
        return await SaveAsync(state, "submit", before, caller, context.CancellationToken);
    }

    public override async Task<SelfEvaluationForm> ReviewSelfEvaluation(ReviewSelfEvaluationRequest request, ServerCallContext context)
    {
        var v = new Violations()
            .ProjectCode(request.ProjectCode)
            .When(request.Version < 0, "version", "版本号不能为负数。")
            .MaxLength(request.Comment, SelfEvaluationChecks.MaxText, "comment", "复核意见")
            .When(request.Items.Count > 0 && string.IsNullOrWhiteSpace(request.Comment), "comment", "调整得分时请填写复核意见。")
            .When(request.Items.Count > CatalogueService.MaxIndicators, "items", $"复核调整的指标不能超过 {CatalogueService.MaxIndicators} 个。");
        var rescores = new List<StoredRescore>();
        for (var i = 0; i < Math.Min(request.Items.Count, CatalogueService.MaxIndicators); i++)
        {
            var x = request.Items[i];
            v.When(rescores.Any(r => r.Index == x.Index), $"items[{i}].index", $"指标序号 {x.Index} 重复。");
            if (decimal.TryParse(x.Score.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var s)
                && decimal.Round(s, 2) == s)
                rescores.Add(new StoredRescore(x.Index, s));
            else
                v.Add($"items[{i}].score", $"复核得分应为不超过两位小数的非负数（如 12.5），现为「{x.Score}」。");
        }
        v.ThrowIfAny();
        var caller = context.Caller();
        caller.RequireFinance("复核绩效自评");
        var state = await LoadAsync(request.ProjectCode, caller, tracked: true, context.CancellationToken);
        var stored = state.Stored ?? throw new FailedPreconditionException($"项目 {request.ProjectCode} 还没有填报绩效自评。");
        CheckVersion(stored, request.Version, request.ProjectCode);
        if (stored.Status != PerformanceStatuses.Submitted)
            throw new FailedPreconditionException($"项目 {request.ProjectCode} 的绩效自评{(stored.Status == PerformanceStatuses.Draft ? "尚未报送" : "已审核")}，不能复核。");
        var score = state.Score(Options);
        for (var i = 0; i < rescores.Count; i++)
        {
            var item = score.Items.FirstOrDefault(x => x.Index == rescores[i].Index);
            if (item is null) v.Add($"items[{i}].index", $"项目只有 {score.Items.Count} 个指标（序号从 0 开始）。");
            else v.When(rescores[i].Score > item.Points, $"items[{i}].score", $"复核得分不能超过该指标的分值 {SelfEvaluationForms.Two(item.Points)}。");
        }
        v.ThrowIfAny();
        var before = SelfEvaluationForms.ToForm(state, score, Options);
        stored.Status = PerformanceStatuses.Accepted;
        stored.ReviewedItems = JsonSerializer.Serialize(rescores.OrderBy(r => r.Index));
        stored.ReviewedScore = SelfEvaluationForms.ReviewedTotal(score, rescores);
        stored.ReviewedGrade = EvaluationScorer.GradeOf(stored.ReviewedScore.Value, score.OutOf, Options);
        stored.ReviewComment = request.Comment.Trim();
        stored.ReviewedBy = caller.Subject;
        return await SaveAsync(state, "review", before, caller, context.CancellationToken);
    }

    /// <summary>Scores the stored form, stamps its version and saves it with its audit entry and its event, in one transaction.</summary>
    private async Task<SelfEvaluationForm> SaveAsync(SelfEvaluationState state, string action, SelfEvaluationForm? before, Caller caller, CancellationToken ct)
    {
        var stored = state.Stored!;
        var score = state.Score(Options);
        stored.Score = score.Score;
        stored.OutOf = score.OutOf;
        stored.Grade = score.Grade;
        stored.Version += 1;
        stored.UpdatedAt = clock.Now();
        stored.UpdatedBy = caller.Subject;
        var after = SelfEvaluationForms.ToForm(state, score, Options);
        db.Audit("self_evaluation", stored.ProjectCode, action, caller.Subject, before, after, clock);
        db.Publish(SelfEvaluationForms.Changed(state, stored, score));
        await db.SaveChangesAsync(ct);
        return after;
    }
}
