using Grpc.Core;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.ServiceDefaults.Errors;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.IndicatorCatalogue.Projects;

/// <summary>
/// Asks the registry about a project with the caller's own token, so that the registry's rules decide what the caller
/// may see: a project of another unit is NOT_FOUND here exactly as there.
/// </summary>
public sealed class RegistryLookup(RegistryClient registry)
{
    public async Task<Project> GetAsync(string projectCode, CancellationToken ct)
    {
        try
        {
            return await registry.GetProjectAsync(new GetProjectRequest { ProjectCode = projectCode }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new NotFoundException($"项目 {projectCode} 不存在。");
        }
    }

    public async Task<Project> GetEditableAsync(string projectCode, CancellationToken ct)
    {
        var project = await GetAsync(projectCode, ct);
        if (project.Status is not (ProjectStatus.Draft or ProjectStatus.Returned))
            throw new FailedPreconditionException(
                $"项目 {projectCode} 已{(project.Status == ProjectStatus.Approved ? "批复" : "提交审核")}，只有草稿或被退回的项目可以修改绩效指标" +
                (project.Status == ProjectStatus.Approved ? "；请先发起项目调整。" : "。"),
                [new FieldViolation("project_code", "项目当前不可编辑。")]);
        return project;
    }
}
