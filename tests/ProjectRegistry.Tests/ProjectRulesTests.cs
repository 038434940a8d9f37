using PerfPlatform.Contracts;
using PerfPlatform.Documents.Checks;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.ServiceDefaults.Errors;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

public sealed class ProjectRulesTests
{
    /// <summary>
    /// The document checks (and the catalogue's linter, for a lint request's project context) hold a project to these
    /// limits through their copy in ServiceLimits: the copy must agree.
    /// </summary>
    [Fact]
    public void The_document_checks_use_the_registrys_project_limits() =>
        Assert.Equal(
            (ProjectRules.MaxName, ProjectRules.MaxPurpose, ProjectRules.MaxGoals, ProjectRules.MaxGoalLength),
            (ServiceLimits.MaxProjectName, ServiceLimits.MaxPurpose, ServiceLimits.MaxGoals, ServiceLimits.MaxGoalLength));

    [Theory]
    [InlineData("130636216T39PTY2WF094", true)]
    [InlineData("13063621EG6Q0YDACB33Y", true)]
    [InlineData("13063621eg6q0ydacb33y", false)]
    [InlineData("130636216T39PTY2WF09", false)]
    [InlineData("130636216T39PTY2WF0944", false)]
    [InlineData("13063621EG6Q0YDACB33-", false)]
    [InlineData("", false)]
    public void Project_code_shape(string code, bool valid) => Assert.Equal(valid, Codes.IsProject(code));

    [Fact]
    public void Code_of_another_division_or_year_names_the_code_field()
    {
        var v = new Violations().CheckCode("13063722EG6Q0YDACB33Y", "130636", 2021);
        Assert.Equal(2, v.Items.Count);
        Assert.All(v.Items, i => Assert.Equal("project.code", i.Field));
        Assert.Contains(v.Items, i => i.Description.Contains("130636"));
        Assert.Contains(v.Items, i => i.Description.Contains("21"));
    }

    [Theory]
    [InlineData(19_500_000, 19_500_000, 0, true)]
    [InlineData(100, 60, 40, true)]
    [InlineData(100, 60, 30, false)]
    [InlineData(-100, -100, 0, false)]
    [InlineData(0, 0, 0, true)]
    public void Budget_total_equals_fiscal_plus_other(long total, long fiscal, long other, bool valid)
    {
        var v = new Violations().CheckBudget(new Budget { TotalFen = total, FiscalFen = fiscal, OtherFen = other });
        Assert.Equal(valid, !v.Any);
    }

    [Fact]
    public void Budget_sum_message_shows_the_amounts_in_yuan()
    {
        var v = new Violations().CheckBudget(new Budget { TotalFen = 19_500_000, FiscalFen = 19_400_000, OtherFen = 0 });
        var item = Assert.Single(v.Items);
        Assert.Equal("project.budget.total_fen", item.Field);
        Assert.Contains("194000.00", item.Description);
        Assert.Contains("195000.00", item.Description);
    }

    [Fact]
    public void Missing_budget_is_named()
    {
        var item = Assert.Single(new Violations().CheckBudget(null).Items);
        Assert.Equal("project.budget", item.Field);
    }

    [Fact]
    public void Generated_codes_have_the_division_the_year_and_13_characters()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => ProjectCodeGenerator.New("130636", 2021)).ToList();
        Assert.All(codes, c =>
        {
            Assert.True(Codes.IsProject(c), c);
            Assert.StartsWith("13063621", c);
        });
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
