using System.Text;
using System.Text.Json;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

/// <summary>
/// Self-evaluations in Reporting, from SelfEvaluationChanged alone: the newest version wins, the report counts submitted
/// and accepted ones by department, unit or grade, and only accepted ones are published.
/// </summary>
public sealed class EvaluationReportTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private const int Year = 2044;
    private const string Car = "13063644EVALREPORT001";
    private const string Fund = "13063644EVALREPORT002";
    private const string Draft = "13063644EVALREPORT003";

    private static ProjectSnapshot Project(string code, string unit, string name) =>
        new(code, "130636", unit[..3], unit, Year, name, "测试", ["1.完成支出"], 18_000_000, 18_000_000, 0, ProjectStatuses.Approved, 1, 1,
            DateTimeOffset.UtcNow);

    private static SelfEvaluationChanged Evaluation(string code, string unit, long version, string status, decimal score, string grade,
        decimal? reviewed = null, string? reviewedGrade = null) =>
        new(code, "130636", unit, Year, version, status, 18_000_000, 18_000_000, score, 100m, grade, reviewed, reviewedGrade,
            [
                new EvaluatedIndicator(0, "产出指标", "购买数量", "≥1辆", "1辆", 50m, 50m),
                new EvaluatedIndicator(1, "满意度指标", "使用人员满意度", "≥90百分比", "96%", 10m, reviewed is null ? 10m : 5m),
            ], DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_newest_version_counts_and_only_accepted_evaluations_are_published()
    {
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(Car, 1, Project(Car, "434001", "购置公务用车项目经费")),
            new ProjectRegistered(Fund, 1, Project(Fund, "434002", "防贫保险救助资金")),
            new ProjectRegistered(Draft, 1, Project(Draft, "434001", "草稿项目")),
            // The car: saved, submitted, then accepted with a reviewed score; the submission arrives late and twice.
            Evaluation(Car, "434001", 1, "draft", 100m, "优"),
            Evaluation(Car, "434001", 3, "accepted", 100m, "优", 85.5m, "良"),
            Evaluation(Car, "434001", 2, "submitted", 100m, "优"),
            Evaluation(Car, "434001", 3, "accepted", 100m, "优", 85.5m, "良"),
            Evaluation(Fund, "434002", 2, "submitted", 64.25m, "中"),
            Evaluation(Draft, "434001", 1, "draft", 40m, "差"));
        await fixture.WaitForLoggedAsync(Car, 5);
        await fixture.WaitForLoggedAsync(Fund, 2);
        await fixture.WaitForLoggedAsync(Draft, 2);

        var byDepartment = await fixture.Reporting.GetEvaluationReportAsync(new EvaluationReportRequest { Year = Year, DivisionCode = "130636" });
        var department = Assert.Single(byDepartment.Rows);
        // (85.50 + 64.25) ÷ 2 = 74.875 → 74.88; the draft is the department's own and is not counted.
        Assert.Equal(("130636/434", 2, 1, "74.88"), (department.Key, department.Evaluated, department.Accepted, department.AverageScore));
        Assert.Equal([("优", 0), ("良", 1), ("中", 1), ("差", 0)], department.Grades.Select(g => (g.Grade, g.Count)));
        Assert.Equal(department.AverageScore, byDepartment.Total.AverageScore);

        var byGrade = await fixture.Reporting.GetEvaluationReportAsync(new EvaluationReportRequest { Year = Year, GroupBy = "grade" });
        Assert.Equal([("良", 1, "85.50"), ("中", 1, "64.25")], byGrade.Rows.Select(r => (r.Key, r.Evaluated, r.AverageScore)));
        var byUnit = await fixture.ReportingFor(fixture.Stack.DepartmentToken("130636", "434002"))
            .GetEvaluationReportAsync(new EvaluationReportRequest { Year = Year, GroupBy = "unit" });
        Assert.Equal([("130636/434002", "金融服务中心", 1)], byUnit.Rows.Select(r => (r.Key, r.Name, r.Evaluated)));

        // The projects the total counts, all at once (the export) or a page at a time (the console); the draft is not listed.
        var all = await fixture.Reporting.GetEvaluationReportAsync(new EvaluationReportRequest { Year = Year, IncludeProjects = true });
        Assert.Equal([Car, Fund], all.Projects.Select(p => p.ProjectCode));
        Assert.Null(all.ProjectsPage);
        var first = await fixture.Reporting.GetEvaluationReportAsync(new EvaluationReportRequest
        {
            Year = Year, IncludeProjects = true, ProjectsPage = new Protos.Common.V1.PageRequest { PageSize = 1 },
        });
        Assert.Equal([Car], first.Projects.Select(p => p.ProjectCode));
        Assert.Equal(2, first.ProjectsPage.TotalSize);
        var second = await fixture.Reporting.GetEvaluationReportAsync(new EvaluationReportRequest
        {
            Year = Year, IncludeProjects = true, ProjectsPage = new Protos.Common.V1.PageRequest { PageSize = 1, PageToken = first.ProjectsPage.NextPageToken },
        });
        Assert.Equal([Fund], second.Projects.Select(p => p.ProjectCode));
        Assert.Equal("", second.ProjectsPage.NextPageToken);
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => fixture.Reporting.GetEvaluationReportAsync(new EvaluationReportRequest
        {
            Year = Year, IncludeProjects = true, ProjectsPage = new Protos.Common.V1.PageRequest { PageSize = 1001 },
        }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("projects_page.page_size", refused.Status.Detail);

        var json = JsonDocument.Parse((await fixture.Reporting.GetPublicEvaluationsJsonAsync(
            new PublicDisclosureRequest { DivisionCode = "130636", Year = Year })).Data.ToStringUtf8()).RootElement;
        Assert.Contains(json.GetProperty("schema").GetProperty("fields").EnumerateArray(), f => f.GetProperty("title").GetString() == "评价等级");
        var rows = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((Car, "良", 85.5m), (r.GetProperty("projectCode").GetString(), r.GetProperty("grade").GetString(),
            r.GetProperty("score").GetDecimal())));
        Assert.Equal(("96%", 5m), (rows[1].GetProperty("reached").GetString(), rows[1].GetProperty("indicatorScore").GetDecimal()));
        var csv = Encoding.UTF8.GetString((await fixture.Reporting.GetPublicEvaluationsCsvAsync(
            new PublicDisclosureRequest { DivisionCode = "130636", Year = Year })).Data.ToByteArray()[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("projectCode,projectName,", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.Contains($"{Car},购置公务用车项目经费,434,", csv[1]);
        Assert.Contains(",180000.00,180000.00,85.50,100.00,良,产出指标,购买数量,≥1辆,1辆,50.00,50.00", csv[1]);
        Assert.DoesNotContain(Fund, string.Join("\n", csv));
        Assert.DoesNotContain(Draft, json.GetRawText());
    }
}
