using Grpc.Core;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

/// <summary>The data-quality scorecard from IndicatorSetReplaced events: by department, unit and rule, the top rules, the trend.</summary>
public sealed class QualityTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private static ProjectSnapshot Project(string code, string department, string unit, int year) =>
        new(code, "130636", department, unit, year, "质量测试项目", "测试", ["1.完成支出"], 10_000, 10_000, 0, "draft", 1, 1, DateTimeOffset.UtcNow);

    private static IndicatorSetReplaced Set(string code, string unit, int year, params RuleFindings[] rules) =>
        new(code, "130636", unit, year, 1, "2015", [new IndicatorSnapshot("产出指标", "数量指标", "指标", "描述", "≥1人", "依据", "numeric")],
            new FindingCounts(Count(rules, "error"), Count(rules, "warning"), Count(rules, "info")), Rules: rules);

    private static int Count(RuleFindings[] rules, string severity) => rules.Where(r => r.Severity == severity).Sum(r => r.Count);

    private const string A = "13063651QUALITYAAAAAA", B = "13063651QUALITYBBBBBB", C = "13063651QUALITYCCCCCC", D = "13063652QUALITYDDDDDD",
        Unfiled = "13063651QUALITYEEEEEE";

    private async Task PublishAsync()
    {
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(A, 1, Project(A, "434", "434001", 2051)),
            new ProjectRegistered(B, 1, Project(B, "434", "434002", 2051)),
            new ProjectRegistered(C, 1, Project(C, "435", "435001", 2051)),
            new ProjectRegistered(D, 1, Project(D, "434", "434001", 2052)),
            new ProjectRegistered(Unfiled, 1, Project(Unfiled, "435", "435001", 2051)),
            Set(A, "434001", 2051, new RuleFindings("SEM-01", "warning", 2), new RuleFindings("VAL-01", "error", 1)),
            Set(B, "434002", 2051, new RuleFindings("SEM-01", "warning", 1)),
            Set(C, "435001", 2051),
            Set(D, "434001", 2052, new RuleFindings("VAL-01", "error", 1)));
        foreach (var code in new[] { A, B, C, D }) await fixture.WaitForLoggedAsync(code, 2);
    }

    [Fact]
    public async Task The_scorecard_counts_filed_projects_the_share_without_errors_and_findings_per_rule()
    {
        await PublishAsync();

        var byDepartment = await fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "department" });
        Assert.Equal([("130636/434", "顺平县人民政府办公室", 2, 1, 5000, 1, 3), ("130636/435", "顺平县教育局", 1, 1, 10000, 0, 0)],
            byDepartment.Rows.Select(r => (r.Key, r.Name, r.ProjectsFiled, r.ProjectsWithoutErrors, r.WithoutErrorsBp, r.Findings.Errors, r.Findings.Warnings)));
        Assert.Equal([("SEM-01", 3, 2), ("VAL-01", 1, 1)], byDepartment.Rows[0].Rules.Select(r => (r.RuleId, r.Findings, r.Projects)));
        Assert.Equal((3, 2, 6667), (byDepartment.Total.ProjectsFiled, byDepartment.Total.ProjectsWithoutErrors, byDepartment.Total.WithoutErrorsBp));
        Assert.Equal([("SEM-01", "数量指标的值是百分比", "warning"), ("VAL-01", "比率超过 100%", "error")],
            byDepartment.TopRules.Select(r => (r.RuleId, r.Title, r.Severity)));

        var byRule = await fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "rule" });
        Assert.Equal([("SEM-01", 2, 1, 0, 3), ("VAL-01", 1, 0, 1, 0)],
            byRule.Rows.Select(r => (r.Key, r.ProjectsFiled, r.ProjectsWithoutErrors, r.Findings.Errors, r.Findings.Warnings)));

        var byUnit = await fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "unit" });
        Assert.Equal(["130636/434001", "130636/434002", "130636/435001"], byUnit.Rows.Select(r => r.Key));

        Assert.Equal([(2051, 3, 2), (2052, 1, 0)],
            byDepartment.Trend.Where(t => t.Year is 2051 or 2052).Select(t => (t.Year, t.ProjectsFiled, t.ProjectsWithoutErrors)));
    }

    [Fact]
    public async Task A_unit_sees_only_its_own_projects_and_a_bad_grouping_is_refused_naming_the_field()
    {
        await PublishAsync();
        var unit = fixture.ReportingFor(fixture.Stack.DepartmentToken("130636", "434001"));
        var own = await unit.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "unit" });
        Assert.Equal([("130636/434001", 1)], own.Rows.Select(r => (r.Key, r.ProjectsFiled)));
        Assert.Equal(1, own.Total.ProjectsFiled);
        Assert.All(own.Trend, t => Assert.Equal(1, t.ProjectsFiled));

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "level1" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("group_by", error.Status.Detail);
    }
}
