using System.Text.Json;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>
/// GET/PUT /v1/projects/{code}/monitoring/{roundId} and its :submit, :accept, :return, :rectified. Every change is versioned
/// (a stale version is ABORTED), audited and published as MonitoringFormChanged.
/// </summary>
public sealed partial class MonitoringService
{
    private const int MaxText = 1000;

    public override async Task<MonitoringForm> GetForm(GetMonitoringFormRequest request, ServerCallContext context)
    {
        CheckKeys(request.ProjectCode, request.RoundId).ThrowIfAny();
        return (await LoadAsync(request.ProjectCode, request.RoundId, context.Caller(), track: false, context.CancellationToken)).ToProto();
    }

    public override async Task<MonitoringForm> SaveForm(SaveMonitoringFormRequest request, ServerCallContext context)
    {
        var v = CheckKeys(request.ProjectCode, request.RoundId)
            .When(request.Version < 0, "version", "版本号不能为负数。")
            .Amount(request.ExpectedSpentFen, "expected_spent_fen", "预计全年支出")
            .When(request.Indicators.Count > CatalogueService.MaxIndicators, "indicators", $"指标不能超过 {CatalogueService.MaxIndicators} 个。");
        for (var i = 0; i < Math.Min(request.Indicators.Count, CatalogueService.MaxIndicators); i++)
        {
            var x = request.Indicators[i];
            var f = $"indicators[{i}]";
            v.When(request.Indicators.Take(i).Any(p => p.Index == x.Index), $"{f}.index", $"指标序号 {x.Index} 重复填报。")
                .When(x.Likelihood.Length > 0 && !Likelihoods.All.Contains(x.Likelihood), $"{f}.likelihood",
                    $"完成目标可能性应为{string.Join("、", Likelihoods.All)}之一。")
                .When(x.Cause.Length > 0 && !MonitoringCauses.All.Contains(x.Cause), $"{f}.cause",
                    $"偏差原因应为{string.Join("、", MonitoringCauses.All)}之一。")
                .MaxLength(x.Reached, Sets.IndicatorFieldLimits.MaxTarget, $"{f}.reached", "已完成值")
                .MaxLength(x.Expected, Sets.IndicatorFieldLimits.MaxTarget, $"{f}.expected", "全年预计完成值")
                .MaxLength(x.CauseText, MaxText, $"{f}.cause_text", "原因说明")
                .MaxLength(x.Measure, MaxText, $"{f}.measure", "整改措施");
        }
        v.ThrowIfAny();

        var caller = context.Caller();
        var view = await LoadAsync(request.ProjectCode, request.RoundId, caller, track: true, context.CancellationToken);
        var unknown = request.Indicators.Select((x, i) => (x, i)).Where(p => p.x.Index < 0 || p.x.Index >= view.Targets.Count)
            .Select(p => new FieldViolation($"indicators[{p.i}].index", $"项目只有 {view.Targets.Count} 个指标（序号从 0 开始）。")).ToList();
        if (unknown.Count > 0) throw new ValidationFailedException(unknown);
        RequireVersion(view, request.Version);
        RequireStatus(view, "修改", "", PerformanceStatuses.Draft, PerformanceStatuses.Returned);

        return await ChangeAsync(view, "save", caller, form =>
        {
            if (form.Status.Length == 0) form.Status = PerformanceStatuses.Draft;
            form.ExpectedSpentFen = request.HasExpectedSpentFen && request.ExpectedSpentFen > 0 ? request.ExpectedSpentFen : view.PlannedYearEndFen;
            form.Indicators = JsonSerializer.Serialize(request.Indicators.OrderBy(x => x.Index).Select(x => new StoredMonitoringIndicator(
                x.Index, x.Reached.Trim(), x.Expected.Trim(), x.Likelihood, x.Cause, x.CauseText.Trim(), x.Measure.Trim())).ToList());
        }, context.CancellationToken);
    }

    /// <summary>The project's unit files it (the finance bureau, who may act for any unit, may file it on the unit's behalf).</summary>
    public override async Task<MonitoringForm> SubmitForm(MonitoringFormAction request, ServerCallContext context)
    {
        CheckAction(request).ThrowIfAny();
        var caller = context.Caller();
        var view = await LoadForActionAsync(request, caller, "报送", context.CancellationToken, PerformanceStatuses.Draft, PerformanceStatuses.Returned);
        CheckComplete(view).ThrowIfAny();
        return await ChangeAsync(view, "submit", caller, form => form.Status = PerformanceStatuses.Submitted, context.CancellationToken);
    }

    public override Task<MonitoringForm> AcceptForm(MonitoringFormAction request, ServerCallContext context) =>
        ReviewAsync(request, CheckAction(request), "审核", "accept", context, form =>
        {
            form.Status = PerformanceStatuses.Accepted;
            form.ReviewComment = request.Comment.Trim();
        });

    public override Task<MonitoringForm> ReturnForm(MonitoringFormAction request, ServerCallContext context) =>
        ReviewAsync(request, CheckAction(request).Required(request.Comment, "comment", "退回意见"), "退回", "return", context, form =>
        {
            form.Status = PerformanceStatuses.Returned;
            form.ReturnComment = request.Comment.Trim();
        });

    public override async Task<MonitoringForm> MarkRectified(MonitoringFormAction request, ServerCallContext context)
    {
        CheckAction(request).Required(request.Comment, "comment", "整改情况").ThrowIfAny();
        var caller = context.Caller();
        var view = await LoadForActionAsync(request, caller, "报告整改", context.CancellationToken, PerformanceStatuses.Submitted, PerformanceStatuses.Accepted);
        if (view.Stored!.Rectified) throw new FailedPreconditionException($"项目 {request.ProjectCode} 的整改已报告完成。");
        if (view.Reasons.Count == 0) throw new FailedPreconditionException($"项目 {request.ProjectCode} 的监控表无需整改。");
        return await ChangeAsync(view, "rectified", caller, form =>
        {
            form.Rectified = true;
            form.Rectification = request.Comment.Trim();
        }, context.CancellationToken);
    }

    /// <summary>The finance bureau's decision on a submitted form (审核 or 退回): checked, refused to other roles, then changed.</summary>
    private async Task<MonitoringForm> ReviewAsync(MonitoringFormAction request, Violations checks, string action, string auditAction,
        ServerCallContext context, Action<MonitoringFormRecord> decide)
    {
        checks.ThrowIfAny();
        var caller = context.Caller();
        caller.RequireFinance($"{action}监控表");
        var view = await LoadForActionAsync(request, caller, action, context.CancellationToken, PerformanceStatuses.Submitted);
        return await ChangeAsync(view, auditAction, caller, decide, context.CancellationToken);
    }

    private async Task<FormView> LoadAsync(string projectCode, string roundId, Caller caller, bool track, CancellationToken ct)
    {
        var round = await GetRoundAsync(roundId, caller, ct);
        var project = await projects.GetVisibleAsync(projectCode, caller, ct);
        RequireInScope(round, project);
        var targets = await db.Indicators.AsNoTracking().Where(i => i.ProjectCode == projectCode).OrderBy(i => i.Position).ToListAsync(ct);
        var forms = track ? db.Forms : db.Forms.AsNoTracking();
        var stored = await forms.FirstOrDefaultAsync(f => f.RoundId == round.Id && f.ProjectCode == projectCode, ct);
        var projectMoney = await money.GetAsync(projectCode, round.AsOf, ct);
        return new FormView(round, project, targets, stored, projectMoney);
    }

    /// <summary>The form a workflow action acts on, at the version the caller read and in a state that allows the action.</summary>
    private async Task<FormView> LoadForActionAsync(MonitoringFormAction request, Caller caller, string action, CancellationToken ct,
        params string[] allowed)
    {
        var view = await LoadAsync(request.ProjectCode, request.RoundId, caller, track: true, ct);
        RequireVersion(view, request.Version);
        RequireStatus(view, action, allowed);
        return view;
    }

    private async Task<MonitoringForm> ChangeAsync(FormView view, string action, Caller caller, Action<MonitoringFormRecord> change,
        CancellationToken ct)
    {
        var before = view.Stored is null ? null : view.ToProto();
        if (view.Stored is null)
        {
            view.Stored = new MonitoringFormRecord
            {
                RoundId = view.Round.Id, ProjectCode = view.Project.Code, DivisionCode = view.Project.DivisionCode,
                UnitCode = view.Project.UnitCode, Year = view.Round.Year, ExpectedSpentFen = view.PlannedYearEndFen,
            };
            db.Forms.Add(view.Stored);
        }
        var form = view.Stored;
        change(form);
        form.Version += 1;
        form.UpdatedAt = clock.Now();
        form.UpdatedBy = caller.Subject;
        view.Snapshot();
        var after = view.ToProto();
        db.Audit("monitoring_form", $"{form.RoundId}/{form.ProjectCode}", action, caller.Subject, before, after, clock);
        db.Publish(FormView.Changed(form));
        await db.SaveChangesAsync(ct);
        return after;
    }

    /// <summary>At submission every indicator says how likely its target is; anything not 确定能 says why and what is done.</summary>
    private static Violations CheckComplete(FormView view)
    {
        var v = new Violations();
        foreach (var t in view.Targets)
        {
            var f = view.Filed.FirstOrDefault(x => x.Index == t.Position);
            var field = $"indicators[{t.Position}]";
            if (f is null || f.Likelihood.Length == 0)
            {
                v.Add($"{field}.likelihood", $"指标「{t.Name}」请选择完成目标可能性。");
                continue;
            }
            if (f.Likelihood == Likelihoods.Certain) continue;
            v.When(f.Cause.Length == 0, $"{field}.cause", $"指标「{t.Name}」{f.Likelihood}完成，请选择偏差原因。")
                .When(f.Cause == "其他" && f.CauseText.Length == 0, $"{field}.cause_text", $"指标「{t.Name}」偏差原因为「其他」，请说明原因。")
                .When(f.Measure.Length == 0, $"{field}.measure", $"指标「{t.Name}」{f.Likelihood}完成，请填写整改措施。");
        }
        return v;
    }

    private static Violations CheckKeys(string projectCode, string roundId) => new Violations()
        .ProjectCode(projectCode)
        .When(!Guid.TryParse(roundId, out _), "round_id", "监控轮次编号格式不正确。");

    private static Violations CheckAction(MonitoringFormAction request) => CheckKeys(request.ProjectCode, request.RoundId)
        .When(request.Version < 0, "version", "版本号不能为负数。")
        .MaxLength(request.Comment, MaxText, "comment", "意见");

    private static void RequireInScope(MonitoringRoundRecord round, ProjectCopy project)
    {
        if (project.Year == round.Year && project.DivisionCode == round.DivisionCode && project.Status == ProjectStatuses.Approved) return;
        throw new FailedPreconditionException(
            $"项目 {project.Code} 不在本轮监控范围：只有 {round.DivisionCode} 区划 {round.Year} 年已批复的项目参加监控" +
            $"（该项目为 {project.Year} 年，{ProjectStatuses.LabelOf(project.Status)}）。",
            [new FieldViolation("project_code", "项目不在本轮监控范围。")]);
    }

    private static void RequireVersion(FormView view, long version)
    {
        var current = view.Stored?.Version ?? 0;
        if (version != 0 && version != current)
            throw new ConcurrencyConflictException($"项目 {view.Project.Code} 的监控表已被修改（当前版本 {current}），请刷新后重试。");
    }

    private static void RequireStatus(FormView view, string action, params string[] allowed)
    {
        var status = view.Stored?.Status ?? "";
        if (allowed.Contains(status)) return;
        var label = status.Length == 0 ? "未填报" : PerformanceStatuses.Label(status);
        throw new FailedPreconditionException($"项目 {view.Project.Code} 的监控表处于「{label}」状态，不能{action}。",
            [new FieldViolation("status", label)]);
    }
}
