using Google.Protobuf;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.ProjectRegistry.Review;
using PerfPlatform.Protos.Registry.V1;
using Project = PerfPlatform.ProjectRegistry.Projects.Project;
using ProtoProject = PerfPlatform.Protos.Registry.V1.Project;

namespace PerfPlatform.ProjectRegistry;

/// <summary>
/// The review workflow: draft → submitted → approved | returned (comment required) → resubmitted. An approved project
/// changes only through an adjustment, which keeps the approved version as a readable revision and opens the next.
/// </summary>
public sealed partial class RegistryService
{
    private const int MaxComment = 2000;

    public override async Task<ProtoProject> SubmitProject(ReviewActionRequest request, ServerCallContext context)
    {
        var (project, caller) = await BeginReviewAction(request, context);
        caller.RequireUnit(project.DivisionCode, project.UnitCode);
        RequireStatus(project, "提交", ProjectStatuses.Draft, ProjectStatuses.Returned);
        var problems = await submissionChecks.RunAsync(project, context.CancellationToken);
        if (problems.Count > 0)
            throw new FailedPreconditionException(
                $"项目 {project.Code} 暂不能提交：" + string.Join("；", problems.Select(p => p.Description)), problems);
        var resubmission = project.Status == ProjectStatuses.Returned;
        return await Transition(project, caller, ProjectStatuses.Submitted, resubmission ? "resubmit" : "submit",
            ProjectChanges.Submitted, project.ReviewComment, context);
    }

    public override async Task<ProtoProject> ApproveProject(ReviewActionRequest request, ServerCallContext context)
    {
        var (project, caller) = await BeginReviewAction(request, context);
        caller.RequireFinance("批复项目");
        RequireStatus(project, "批复", ProjectStatuses.Submitted);
        project.ApproveBudget();
        var result = await Transition(project, caller, ProjectStatuses.Approved, "approve", ProjectChanges.Approved,
            request.Comment.Trim(), context, keepRevision: true);
        return result;
    }

    public override async Task<ProtoProject> ReturnProject(ReviewActionRequest request, ServerCallContext context)
    {
        new Violations().Required(request.Comment, "comment", "退回意见").ThrowIfAny();
        var (project, caller) = await BeginReviewAction(request, context);
        caller.RequireFinance("退回项目");
        RequireStatus(project, "退回", ProjectStatuses.Submitted);
        return await Transition(project, caller, ProjectStatuses.Returned, "return", ProjectChanges.Returned,
            request.Comment.Trim(), context);
    }

    public override async Task<ProtoProject> AdjustProject(ReviewActionRequest request, ServerCallContext context)
    {
        var (project, caller) = await BeginReviewAction(request, context);
        caller.RequireUnit(project.DivisionCode, project.UnitCode);
        RequireStatus(project, "调整", ProjectStatuses.Approved);
        return await Transition(project, caller, ProjectStatuses.Draft, "adjust", ProjectChanges.Adjusted,
            request.Comment.Trim(), context, nextRevision: true);
    }

    public override async Task<ProtoProject> GetProjectRevision(GetProjectRevisionRequest request, ServerCallContext context)
    {
        new Violations().When(request.Revision <= 0, "revision", "版本号应为正整数。").ThrowIfAny();
        var project = await LoadVisibleProject(request.ProjectCode, context, tracking: false);
        if (request.Revision == project.Revision && project.Status == ProjectStatuses.Approved) return project.ToProto();
        var stored = await db.ProjectRevisions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ProjectCode == project.Code && r.Revision == request.Revision, context.CancellationToken);
        if (stored is null)
            return request.Revision == project.Revision
                ? project.ToProto()
                : throw new NotFoundException($"项目 {project.Code} 没有已批复的第 {request.Revision} 版。");
        return JsonParser.Default.Parse<ProtoProject>(stored.Snapshot);
    }

    private async Task<(Project Project, Caller Caller)> BeginReviewAction(ReviewActionRequest request, ServerCallContext context)
    {
        new Violations()
            .When(request.Version < 0, "version", "版本号不能为负数。")
            .MaxLength(request.Comment, MaxComment, "comment", "审核意见")
            .ThrowIfAny();
        var project = await LoadVisibleProject(request.ProjectCode, context, tracking: true);
        RequireVersion(project, request.Version);
        return (project, context.Caller());
    }

    private static void RequireStatus(Project project, string action, params string[] allowed)
    {
        if (!allowed.Contains(project.Status))
            throw new FailedPreconditionException(
                $"项目 {project.Code} 处于「{ProjectStatuses.LabelOf(project.Status)}」状态，不能{action}；" +
                $"只有「{string.Join("」或「", allowed.Select(ProjectStatuses.LabelOf))}」状态的项目可以{action}。",
                [new FieldViolation("status", ProjectStatuses.LabelOf(project.Status))]);
    }

    private async Task<ProtoProject> Transition(Project project, Caller caller, string status, string auditAction, string change,
        string comment, ServerCallContext context, bool keepRevision = false, bool nextRevision = false)
    {
        // The audit's before image is the project as it was, revision included: taken before anything changes.
        var before = project.ToProto();
        if (nextRevision) project.Revision += 1;
        project.Status = status;
        project.ReviewComment = comment;
        Touch(project, caller);
        var after = project.ToProto();
        if (keepRevision)
            db.ProjectRevisions.Add(new ProjectRevision
            {
                ProjectCode = project.Code, Revision = project.Revision, Snapshot = JsonFormatter.Default.Format(after),
                ApprovedAt = project.UpdatedAt, ApprovedBy = caller.Subject,
            });
        db.Audit("project", project.Code, auditAction, caller.Subject, before, after, clock);
        db.Publish(new ProjectChanged(project.Code, project.Version, change, project.Snapshot()));
        await db.SaveChangesAsync(context.CancellationToken);
        return after;
    }
}
