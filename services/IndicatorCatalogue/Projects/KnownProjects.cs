using PerfPlatform.Contracts.Registry;

namespace PerfPlatform.IndicatorCatalogue.Projects;

/// <summary>
/// The projects the catalogue knows from the registry's events, seen as the registry shows them: another unit's project
/// is NOT_FOUND here exactly as there. A project registered a moment ago may not have arrived yet; it reads as unknown,
/// with a message that says to retry, until its event does (milliseconds while both services and the broker run).
/// </summary>
public sealed class KnownProjects(CatalogueDb db)
{
    public async Task<ProjectCopy> GetVisibleAsync(string projectCode, Caller caller, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Code == projectCode, ct);
        if (project is null || !caller.CanActFor(project.DivisionCode, project.UnitCode))
            throw new NotFoundException($"项目 {projectCode} 不存在（刚登记的项目需片刻同步到指标库，请稍后重试）。");
        return project;
    }

    public async Task<ProjectCopy> GetEditableAsync(string projectCode, Caller caller, CancellationToken ct)
    {
        var project = await GetVisibleAsync(projectCode, caller, ct);
        if (!ProjectStatuses.IsEditable(project.Status))
            throw new FailedPreconditionException(
                $"项目 {projectCode} 已{(project.Status == ProjectStatuses.Approved ? "批复" : "提交审核")}，只有草稿或被退回的项目可以修改绩效指标" +
                (project.Status == ProjectStatuses.Approved ? "；请先发起项目调整。" : "。"),
                [new FieldViolation("project_code", "项目当前不可编辑。")]);
        return project;
    }
}
