using Grpc.Core;
using PerfPlatform.Protos.Registry.V1;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.ProjectRegistry.Tests;

public sealed class ReviewTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private RegistryClient Finance => fixture.Finance;
    private RegistryClient Department => fixture.DepartmentOf(RegistryFixture.Unit);

    [Fact]
    public async Task Draft_submitted_returned_resubmitted_approved_adjusted()
    {
        var p = await Department.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        p = await Department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Version = p.Version });
        Assert.Equal(ProjectStatus.Submitted, p.Status);

        // Only the finance bureau reviews; a return needs a comment.
        await Errors.Expect(StatusCode.PermissionDenied, () => Department.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = p.Code }).ResponseAsync);
        var (_, fields) = await Errors.Expect(StatusCode.InvalidArgument, () => Finance.ReturnProjectAsync(new ReviewActionRequest { ProjectCode = p.Code }).ResponseAsync);
        Assert.Contains("comment", fields);
        p = await Finance.ReturnProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Version = p.Version, Comment = "请补充成本指标。" });
        Assert.Equal(ProjectStatus.Returned, p.Status);
        Assert.Equal("请补充成本指标。", p.ReviewComment);

        p = await Department.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = p.Code, Project = new Project { Version = p.Version, Goals = { "1.2021年第二季度完成支出", "2.保障公车使用" } },
        });
        p = await Department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Version = p.Version });
        p = await Finance.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Version = p.Version, Comment = "同意" });
        Assert.Equal(ProjectStatus.Approved, p.Status);
        var approved = p;

        // Approved projects change only through an adjustment; the approved version stays readable.
        await Errors.Expect(StatusCode.FailedPrecondition, () => Department.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = p.Code, Project = new Project { Version = p.Version, Name = "直接修改" },
        }).ResponseAsync);
        p = await Department.AdjustProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Version = p.Version, Comment = "追加预算" });
        Assert.Equal(ProjectStatus.Draft, p.Status);
        Assert.Equal(2, p.Revision);
        p = await Department.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = p.Code,
            Project = new Project { Version = p.Version, Budget = new() { TotalFen = 20_000_000, FiscalFen = 20_000_000 } },
        });
        var first = await Department.GetProjectRevisionAsync(new GetProjectRevisionRequest { ProjectCode = p.Code, Revision = 1 });
        Assert.Equal(approved, first);
        Assert.Equal(18_000_000, first.Budget.TotalFen);
        Assert.Equal(20_000_000, p.Budget.TotalFen);

        var entries = (await Finance.ListAuditEntriesAsync(new ListAuditEntriesRequest { ProjectCode = p.Code })).Entries;
        Assert.Equal(["create", "submit", "return", "update", "resubmit", "approve", "adjust", "update"], entries.Select(e => e.Action).Reverse());
        // The adjustment's before image is the approved project as it was (revision 1), its after image the new draft.
        var adjust = entries.Single(e => e.Action == "adjust");
        Assert.Equal(approved, Google.Protobuf.JsonParser.Default.Parse<Project>(adjust.BeforeJson));
        var adjusted = Google.Protobuf.JsonParser.Default.Parse<Project>(adjust.AfterJson);
        Assert.Equal((2, ProjectStatus.Draft), (adjusted.Revision, adjusted.Status));
    }

    [Fact]
    public async Task Review_actions_out_of_order_are_failed_preconditions_and_change_nothing()
    {
        var p = await Finance.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        await Errors.Expect(StatusCode.FailedPrecondition, () => Finance.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = p.Code }).ResponseAsync);
        await Errors.Expect(StatusCode.FailedPrecondition, () => Finance.ReturnProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Comment = "x" }).ResponseAsync);
        await Errors.Expect(StatusCode.FailedPrecondition, () => Finance.AdjustProjectAsync(new ReviewActionRequest { ProjectCode = p.Code }).ResponseAsync);
        Assert.Equal(p, await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = p.Code }));
    }

    [Fact]
    public async Task An_incomplete_project_cannot_be_submitted_and_the_refusal_names_what_is_missing()
    {
        var input = Samples.VehiclePurchase();
        input.Goals.Clear();
        input.Purpose = "";
        var p = await Finance.CreateProjectAsync(Samples.Create(input));
        var (error, _) = await Errors.Expect(StatusCode.FailedPrecondition, () => Finance.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = p.Code }).ResponseAsync);
        Assert.Contains("资金用途", error.Status.Detail);
        Assert.Contains("绩效目标", error.Status.Detail);
        Assert.Equal(ProjectStatus.Draft, (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = p.Code })).Status);
    }

    [Fact]
    public async Task A_review_action_on_a_stale_version_is_aborted()
    {
        var p = await Finance.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        await Finance.UpdateProjectAsync(new UpdateProjectRequest { ProjectCode = p.Code, Project = new Project { Version = 1, Name = "新名称" } });
        await Errors.Expect(StatusCode.Aborted, () => Finance.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = p.Code, Version = 1 }).ResponseAsync);
    }
}
