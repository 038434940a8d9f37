using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.Web.Display;
using Xunit;

namespace PerfPlatform.Web.Tests;

/// <summary>The console labels a project's status as Contracts does, whether it reads the registry's enum or the read model's word.</summary>
public sealed class StatusLabelTests
{
    [Theory]
    [InlineData(ProjectStatus.Draft, ProjectStatuses.Draft, "草稿")]
    [InlineData(ProjectStatus.Submitted, ProjectStatuses.Submitted, "已提交")]
    [InlineData(ProjectStatus.Approved, ProjectStatuses.Approved, "已批复")]
    [InlineData(ProjectStatus.Returned, ProjectStatuses.Returned, "已退回")]
    public void Both_forms_of_a_status_read_as_its_one_label(ProjectStatus status, string word, string label) =>
        Assert.Equal((label, label), (Show.Status(status), Show.Status(word)));

    [Fact]
    public void Every_status_the_registry_can_send_has_a_label_and_one_unknown_here_reads_as_unknown()
    {
        Assert.All(Enum.GetValues<ProjectStatus>(), s => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", Show.Status(s)));
        Assert.Equal("未知", Show.Status((ProjectStatus)7));
    }
}
