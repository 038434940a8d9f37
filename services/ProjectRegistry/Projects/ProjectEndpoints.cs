using Npgsql;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.ProjectRegistry.Results;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using Project = PerfPlatform.ProjectRegistry.Projects.Project;
using ProtoProject = PerfPlatform.Protos.Registry.V1.Project;

namespace PerfPlatform.ProjectRegistry;

/// <summary>Filing and editing projects. A unit's department files its own; the finance role may file for any unit.</summary>
public sealed partial class RegistryService
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public override async Task<ProtoProject> CreateProject(CreateProjectRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var input = request.Project ?? new ProtoProject();
        var v = new Violations()
            .DivisionCode(request.DivisionCode)
            .UnitCode(request.UnitCode)
            .Year(input.Year, "project.year")
            .CheckName(input.Name)
            .CheckPurpose(input.Purpose)
            .CheckGoals(input.Goals)
            .CheckBudget(input.Budget);
        if (input.Code.Length > 0) v.CheckCode(input.Code, request.DivisionCode, input.Year);
        var predecessorCode = input.HasPredecessorCode && input.PredecessorCode.Length > 0 ? input.PredecessorCode : null;
        if (predecessorCode is not null) Predecessors.CheckFormat(v, predecessorCode, request.DivisionCode);
        v.ThrowIfAny();
        caller.RequireUnit(request.DivisionCode, request.UnitCode);
        if (predecessorCode is not null) await predecessors.CheckAsync(predecessorCode, input.Year, caller, context.CancellationToken);

        // No look-ups before the insert: the unit's department is in its code, the foreign key proves the unit is
        // registered, and the primary key catches a code already used. Either refusal is then explained.
        for (var attempt = 0; ; attempt++)
        {
            var project = NewProject(request, input, input.Code.Length > 0 ? input.Code : ProjectCodeGenerator.New(request.DivisionCode, input.Year), caller);
            var proto = project.ToProto();
            db.Projects.Add(project);
            db.Audit("project", project.Code, "create", caller.Subject, null, proto, clock);
            db.Publish(new ProjectRegistered(project.Code, project.Version, project.Snapshot()));
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
                return proto;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException pg)
            {
                db.ChangeTracker.Clear();
                if (pg.SqlState == PostgresErrorCodes.ForeignKeyViolation)
                    throw new FailedPreconditionException($"单位 {request.DivisionCode}/{request.UnitCode} 尚未登记，请先登记单位。",
                        [new FieldViolation("unit_code", "单位尚未登记。")]);
                if (pg.SqlState != PostgresErrorCodes.UniqueViolation) throw;
                if (input.Code.Length == 0 && attempt < 3) continue; // a generated code collided: draw another
                var existing = await db.Projects.AsNoTracking().FirstAsync(p => p.Code == project.Code, context.CancellationToken);
                // Another unit's project is not named to a department that cannot read it.
                return SameOrConflict(SameFiling(existing, request.UnitCode, input), existing.ToProto(),
                    caller.CanActFor(existing.DivisionCode, existing.UnitCode)
                        ? $"项目编码 {input.Code} 已被项目「{existing.Name}」使用。"
                        : $"项目编码 {input.Code} 已被使用，请换一个编码或不填由系统生成。", "project.code");
            }
        }
    }

    private Project NewProject(CreateProjectRequest request, ProtoProject input, string code, Caller caller)
    {
        var now = clock.Now();
        var project = new Project
        {
            Code = code,
            DivisionCode = request.DivisionCode,
            DepartmentCode = Codes.DepartmentOfUnit(request.UnitCode),
            UnitCode = request.UnitCode,
            Year = input.Year,
            Name = input.Name.Trim(),
            Purpose = input.Purpose.Trim(),
            Goals = input.Goals.Select(g => g.Trim()).ToList(),
            Status = ProjectStatuses.Draft,
            Revision = 1,
            Version = 1,
            CreatedAt = now,
            CreatedBy = caller.Subject,
            UpdatedAt = now,
            UpdatedBy = caller.Subject,
            PredecessorCode = input.HasPredecessorCode && input.PredecessorCode.Length > 0 ? input.PredecessorCode : null,
        };
        project.ApplyBudget(input.Budget);
        return project;
    }

    /// <summary>The project, with what its predecessor left for this year's review (result application).</summary>
    public override async Task<ProtoProject> GetProject(GetProjectRequest request, ServerCallContext context)
    {
        var project = await LoadVisibleProject(request.ProjectCode, context, tracking: false);
        var proto = project.ToProto();
        proto.Predecessor = await predecessors.DescribeAsync(project, context.Caller(), context.CancellationToken);
        return proto;
    }

    public override async Task<ListProjectsResponse> ListProjects(ListProjectsRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        new Violations()
            .DivisionCode(request.DivisionCode)
            .UnitCode(request.UnitCode)
            .Year(request.Year, optional: true)
            .Page(request.Page, MaxPageSize, DefaultPageSize, Codes.IsProject, out var page)
            .ThrowIfAny();
        caller.RequireUnit(request.DivisionCode, request.UnitCode);

        var query = db.Projects.AsNoTracking()
            .Where(p => p.DivisionCode == request.DivisionCode && p.UnitCode == request.UnitCode);
        if (request.Year != 0) query = query.Where(p => p.Year == request.Year);
        var total = await query.CountAsync(context.CancellationToken);
        var (size, after) = (page.Size, page.Token);
        if (after.Length > 0) query = query.Where(p => string.Compare(p.Code, after) > 0);
        var items = await query.OrderBy(p => p.Code).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new ListProjectsResponse
        {
            Projects = { items.Take(size).Select(p => p.ToProto()) },
            Page = new PageResponse { TotalSize = total, NextPageToken = items.Count > size ? items[size - 1].Code : "" },
        };
        return response;
    }

    public override async Task<ProtoProject> UpdateProject(UpdateProjectRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var input = request.Project ?? new ProtoProject();
        var v = new Violations()
            .ProjectCode(request.ProjectCode)
            .When(input.Version <= 0, "project.version", "请提供修改所依据的版本号 version（读取项目时得到）。")
            .When(input.Code.Length > 0 && input.Code != request.ProjectCode, "project.code", "项目编码不能修改。")
            .When(input.Year != 0, "project.year", "预算年度不能修改。")
            .When(input.DivisionCode.Length > 0 || input.UnitCode.Length > 0, "project.unit_code", "所属单位不能修改。");
        if (input.Name.Length > 0) v.CheckName(input.Name);
        v.CheckPurpose(input.Purpose).CheckGoals(input.Goals);
        if (input.Budget is not null) v.CheckBudget(input.Budget);
        if (input.PredecessorCode.Length > 0) Predecessors.CheckFormat(v, input.PredecessorCode,
            Codes.IsProject(request.ProjectCode) ? Codes.DivisionOfProject(request.ProjectCode) : "");
        v.ThrowIfAny();

        var project = await LoadVisibleProject(request.ProjectCode, context, tracking: true);
        caller.RequireUnit(project.DivisionCode, project.UnitCode);
        if (!project.IsEditable)
            throw new FailedPreconditionException(
                $"项目处于「{ProjectStatuses.LabelOf(project.Status)}」状态，只有草稿或被退回的项目可以修改" +
                (project.Status == ProjectStatuses.Approved ? "；已批复的项目请先发起调整。" : "。"));
        RequireVersion(project, input.Version);
        var predecessorCode = input.HasPredecessorCode && input.PredecessorCode.Length > 0 ? input.PredecessorCode : null;
        if (predecessorCode is not null && predecessorCode != project.PredecessorCode)
            await predecessors.CheckAsync(predecessorCode, project.Year, caller, context.CancellationToken);

        var before = project.ToProto();
        var budgetChanged = input.Budget is not null && (project.TotalFen != input.Budget.TotalFen
            || project.FiscalFen != input.Budget.FiscalFen || project.OtherFen != input.Budget.OtherFen);
        if (input.Name.Length > 0) project.Name = input.Name.Trim();
        if (input.Purpose.Length > 0) project.Purpose = input.Purpose.Trim();
        if (input.Goals.Count > 0) project.Goals = input.Goals.Select(g => g.Trim()).ToList();
        if (input.Budget is not null) project.ApplyBudget(input.Budget);
        if (input.HasPredecessorCode) project.PredecessorCode = predecessorCode;
        if (!db.ChangeTracker.HasChanges()) return before;

        Touch(project, caller);
        var after = project.ToProto();
        db.Audit("project", project.Code, "update", caller.Subject, before, after, clock);
        db.Publish(new ProjectChanged(project.Code, project.Version,
            budgetChanged ? ProjectChanges.BudgetChanged : ProjectChanges.Edited, project.Snapshot()));
        await db.SaveChangesAsync(context.CancellationToken);
        return after;
    }

    /// <summary>Another unit's project answers NOT_FOUND, exactly as a project that does not exist.</summary>
    private async Task<Project> LoadVisibleProject(string code, ServerCallContext context, bool tracking)
    {
        new Violations().ProjectCode(code).ThrowIfAny();
        var query = tracking ? db.Projects : db.Projects.AsNoTracking();
        var project = await query.FirstOrDefaultAsync(p => p.Code == code, context.CancellationToken);
        if (project is null || !context.Caller().CanActFor(project.DivisionCode, project.UnitCode))
            throw new NotFoundException($"项目 {code} 不存在。");
        return project;
    }

    private static void RequireVersion(Project project, long expected)
    {
        if (expected != 0 && expected != project.Version)
            throw new ConcurrencyConflictException(
                $"项目 {project.Code} 已被修改（当前版本 {project.Version}，提交所依据的版本 {expected}），请刷新后重试。");
    }

    private void Touch(Project project, Caller caller)
    {
        project.Version += 1;
        project.UpdatedAt = clock.Now();
        project.UpdatedBy = caller.Subject;
    }

    private static bool SameFiling(Project p, string unitCode, ProtoProject input) =>
        p.UnitCode == unitCode && p.Year == input.Year && p.Name == input.Name.Trim() && p.Purpose == input.Purpose.Trim()
        && p.Goals.SequenceEqual(input.Goals.Select(g => g.Trim()))
        && p.TotalFen == input.Budget.TotalFen && p.FiscalFen == input.Budget.FiscalFen && p.OtherFen == input.Budget.OtherFen
        && p.PredecessorCode == (input.PredecessorCode.Length > 0 ? input.PredecessorCode : null);
}
