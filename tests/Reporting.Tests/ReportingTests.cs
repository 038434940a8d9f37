using PerfPlatform.Contracts;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

public sealed class ReportingTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private static readonly string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static string NewCode(int year) =>
        ReportingFixture.Division + (year % 100).ToString("00") + new string(Random.Shared.GetItems(Alphabet.ToCharArray(), 13));

    /// <summary>Files projects in a year of its own, so that each test reads only its own figures.</summary>
    private async Task<List<Project>> File(int year, params (string Unit, long Fiscal, long Other)[] projects)
    {
        var created = new List<Project>();
        foreach (var (unit, fiscal, other) in projects)
            created.Add(await fixture.Registry.CreateProjectAsync(new CreateProjectRequest
            {
                DivisionCode = ReportingFixture.Division, UnitCode = unit,
                Project = new Project
                {
                    Code = NewCode(year), Year = year, Name = $"项目{created.Count + 1}", Purpose = "测试",
                    Goals = { "1.完成支出" }, Budget = new Budget { TotalFen = fiscal + other, FiscalFen = fiscal, OtherFen = other },
                },
            }));
        return created;
    }

    private async Task<SummaryResponse> WaitForSummary(int year, string groupBy, Func<SummaryResponse, bool> ready)
    {
        return await Eventually.Until(async () => await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = year, GroupBy = groupBy }),
            ready, "the read model to catch up");
    }

    [Fact]
    public async Task The_summary_by_unit_adds_up_to_the_fen()
    {
        var filed = await File(2031, ("434001", 19_500_001, 0), ("434001", 43_380_000, 99), ("434002", 12_000_000, 0), ("435001", 1, 2));
        // The unit's name comes with the registry's reference data, whose events may arrive after the projects'.
        var summary = await WaitForSummary(2031, "unit",
            s => s.Total.ProjectCount == filed.Count && s.Rows.Any(r => r.Key == "130636/434001" && r.Name != r.Key));

        foreach (var group in filed.GroupBy(p => $"{p.DivisionCode}/{p.UnitCode}"))
        {
            var row = Assert.Single(summary.Rows, r => r.Key == group.Key);
            Assert.Equal(group.Count(), row.ProjectCount);
            Assert.Equal(group.Sum(p => p.Budget.TotalFen), row.Budget.TotalFen);
            Assert.Equal(group.Sum(p => p.Budget.FiscalFen), row.Budget.FiscalFen);
            Assert.Equal(group.Sum(p => p.Budget.OtherFen), row.Budget.OtherFen);
        }
        Assert.Equal("政府办（本级）", summary.Rows.Single(r => r.Key == "130636/434001").Name);
        Assert.Equal(filed.Sum(p => p.Budget.TotalFen), summary.Total.Budget.TotalFen);
        Assert.Equal(summary.Rows.Sum(r => r.Budget.TotalFen), summary.Total.Budget.TotalFen);
    }

    [Fact]
    public async Task Groupings_by_department_status_and_fund_source_and_sorting()
    {
        var filed = await File(2032, ("434001", 300, 0), ("434002", 100, 50), ("435001", 200, 0));
        await WaitForSummary(2032, "unit", s => s.Total.ProjectCount == 3);

        var byDepartment = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2032, GroupBy = "department" });
        Assert.Equal([("130636/434", 2, 450L), ("130636/435", 1, 200L)],
            byDepartment.Rows.Select(r => (r.Key, r.ProjectCount, r.Budget.TotalFen)));
        Assert.Equal("顺平县教育局", byDepartment.Rows[1].Name);

        var bySource = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2032, GroupBy = "fund_source" });
        Assert.Equal([("fiscal", 3, 600L), ("other", 1, 50L)], bySource.Rows.Select(r => (r.Key, r.ProjectCount, r.Budget.TotalFen)));
        Assert.Equal(650, bySource.Total.Budget.TotalFen);

        var byStatus = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2032, GroupBy = "status" });
        Assert.Equal(("draft", "草稿", 3), (byStatus.Rows.Single().Key, byStatus.Rows.Single().Name, byStatus.Rows.Single().ProjectCount));

        var biggestFirst = await fixture.Reporting.GetSummaryAsync(new SummaryRequest
        {
            Year = 2032, GroupBy = "unit", OrderBy = "-budget", Page = new PageRequest { PageSize = 2 },
        });
        Assert.Equal(["130636/434001", "130636/435001"], biggestFirst.Rows.Select(r => r.Key));
        Assert.Equal("2", biggestFirst.Page.NextPageToken);
        Assert.Equal(3, biggestFirst.Page.TotalSize);
        Assert.Equal(filed.Count, biggestFirst.Total.ProjectCount);
    }

    [Fact]
    public async Task Changes_in_the_registry_reach_the_summary()
    {
        var filed = await File(2033, ("434001", 1_000_00, 0));
        await WaitForSummary(2033, "unit", s => s.Total.ProjectCount == 1);
        await fixture.Registry.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = filed[0].Code,
            Project = new Project { Version = filed[0].Version, Budget = new Budget { TotalFen = 2_500_05, FiscalFen = 2_000_00, OtherFen = 500_05 } },
        });
        await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = filed[0].Code });
        var summary = await WaitForSummary(2033, "status", s => s.Rows.Any(r => r.Key == "submitted"));
        Assert.Equal(2_500_05, summary.Total.Budget.TotalFen);
        Assert.Equal(500_05, summary.Total.Budget.OtherFen);
    }

    [Fact]
    public async Task An_adjustment_draft_leaves_the_approved_budget_in_the_totals_until_it_is_approved()
    {
        var filed = (await File(2038, ("434001", 1_000_00, 0)))[0];
        await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = filed.Code });
        await fixture.Registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = filed.Code });
        var draft = await fixture.Registry.AdjustProjectAsync(new ReviewActionRequest { ProjectCode = filed.Code, Comment = "调减预算" });
        var edited = await fixture.Registry.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = filed.Code,
            Project = new Project { Version = draft.Version, Budget = new Budget { TotalFen = 600_00, FiscalFen = 400_00, OtherFen = 200_00 } },
        });
        await fixture.WaitForProjectVersionAsync(filed.Code, edited.Version);

        var during = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2038, GroupBy = "status" });
        Assert.Equal(("draft", 1_000_00L, 1_000_00L, 0L),
            (during.Rows.Single().Key, during.Total.Budget.TotalFen, during.Total.Budget.FiscalFen, during.Total.Budget.OtherFen));

        await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = filed.Code });
        var approved = await fixture.Registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = filed.Code });
        await fixture.WaitForProjectVersionAsync(filed.Code, approved.Version);
        var after = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2038, GroupBy = "status" });
        Assert.Equal(("approved", 600_00L, 400_00L, 200_00L),
            (after.Rows.Single().Key, after.Total.Budget.TotalFen, after.Total.Budget.FiscalFen, after.Total.Budget.OtherFen));
    }

    [Fact]
    public async Task A_department_sees_only_its_own_units()
    {
        await File(2034, ("434001", 100, 0), ("435001", 200, 0));
        await WaitForSummary(2034, "unit", s => s.Total.ProjectCount == 2);
        var department = fixture.ReportingFor(fixture.Stack.DepartmentToken(ReportingFixture.Division, "435001"));
        var summary = await department.GetSummaryAsync(new SummaryRequest { Year = 2034, GroupBy = "unit" });
        Assert.Equal(["130636/435001"], summary.Rows.Select(r => r.Key));
        Assert.Equal(200, summary.Total.Budget.TotalFen);
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => department.GetUnitOverviewAsync(new UnitOverviewRequest
        {
            DivisionCode = ReportingFixture.Division, UnitCode = "434001", Year = 2034,
        }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task The_unit_overview_lists_its_projects_with_totals()
    {
        var filed = await File(2035, ("434002", 120_000_00, 0), ("434002", 5, 7));
        await WaitForSummary(2035, "unit", s => s.Total.ProjectCount == 2);
        var overview = await fixture.Reporting.GetUnitOverviewAsync(new UnitOverviewRequest
        {
            DivisionCode = ReportingFixture.Division, UnitCode = "434002", Year = 2035,
        });
        Assert.Equal("金融服务中心", overview.UnitName);
        Assert.Equal(filed.Select(p => p.Code).Order(StringComparer.Ordinal), overview.Projects.Select(p => p.Code));
        Assert.Equal(120_000_12, overview.Total.Budget.TotalFen);
        Assert.All(overview.Projects, p => Assert.Equal("draft", p.Status));
    }

    [Fact]
    public async Task Business_gauges_show_the_figures_on_metrics()
    {
        await File(2036, ("435001", 123_456_78, 0));
        await WaitForSummary(2036, "unit", s => s.Total.ProjectCount == 1);
        using var http = fixture.Stack.Http(PlatformStack.Reporting, null);
        var metrics = await Eventually.Until(() => http.GetStringAsync("/metrics"), text => text.Contains("year=\"2036\""),
            "the gauges of 2036 on /metrics", interval: TimeSpan.FromMilliseconds(500));
        var budget = metrics.Split('\n').Single(l => l.StartsWith("perf_budget_fen{") && l.Contains("year=\"2036\""));
        Assert.Contains("department=\"435\"", budget);
        Assert.Equal(123_456_78m, decimal.Parse(budget.Split(' ').Last(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("perf_projects{") && l.Contains("year=\"2036\"") && l.Contains("status=\"draft\"") && l.EndsWith(" 1"));
        Assert.Contains("perf_read_model_lag_seconds", metrics);
        var newest = metrics.Split('\n').Single(l => l.StartsWith("perf_read_model_newest_event_timestamp_seconds"));
        var published = DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(newest.Split(' ').Last(), System.Globalization.CultureInfo.InvariantCulture) * 1000));
        Assert.InRange(published, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData(0, "", "year")]
    [InlineData(2021, "project", "group_by")]
    [InlineData(2021, "unit", "order_by")]
    public async Task Bad_summary_requests_name_the_field(int year, string groupBy, string field)
    {
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => fixture.Reporting.GetSummaryAsync(new SummaryRequest
        {
            Year = year, GroupBy = groupBy, OrderBy = field == "order_by" ? "name" : "",
        }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, error.Status.Detail);
    }
}
