using PerfPlatform.Contracts.Performance;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

/// <summary>
/// 结果应用 in the finance summary: a year's projects grouped by the grade their predecessor's accepted self-evaluation
/// earned, the predecessor being the one a project names or else last year's project of its unit with its name.
/// </summary>
public sealed class PredecessorGradeTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private const string CarLast = "13063645PREDGRADE0001", FundLast = "13063645PREDGRADE0002", DraftLast = "13063645PREDGRADE0003";
    private const string Car = "13063646PREDGRADE0001", Renamed = "13063646PREDGRADE0002", Draft = "13063646PREDGRADE0003",
        New = "13063646PREDGRADE0004";

    private static ProjectSnapshot Project(string code, int year, string name, long fen, string? predecessor = null) =>
        new(code, "130636", "434", "434001", year, name, "测试", ["1.完成支出"], fen, fen, 0, ProjectStatuses.Approved, 1, 1,
            DateTimeOffset.UtcNow, PredecessorCode: predecessor);

    private static SelfEvaluationChanged Evaluation(string code, string status, decimal score, string grade, decimal? reviewed = null,
        string? reviewedGrade = null) =>
        new(code, "130636", "434001", 2045, 1, status, 100, 100, score, 100m, grade, reviewed, reviewedGrade, [], DateTimeOffset.UtcNow);

    [Fact]
    public async Task Next_years_projects_group_by_their_predecessors_accepted_grade()
    {
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(CarLast, 1, Project(CarLast, 2045, "购置公务用车项目经费", 100)),
            new ProjectRegistered(FundLast, 1, Project(FundLast, 2045, "防贫保险救助资金", 100)),
            new ProjectRegistered(DraftLast, 1, Project(DraftLast, 2045, "草稿项目", 100)),
            // The car re-scored to 良 by the finance bureau; the fund 中; the draft's evaluation never accepted.
            Evaluation(CarLast, PerformanceStatuses.Accepted, 95m, "优", 85m, "良"),
            Evaluation(FundLast, PerformanceStatuses.Accepted, 65m, "中"),
            Evaluation(DraftLast, PerformanceStatuses.Submitted, 99m, "优"),
            new ProjectRegistered(Car, 1, Project(Car, 2046, "购置公务用车项目经费", 1_000)),
            new ProjectRegistered(Renamed, 1, Project(Renamed, 2046, "防贫保险（更名）", 20_000, predecessor: FundLast)),
            new ProjectRegistered(Draft, 1, Project(Draft, 2046, "草稿项目", 300_000)),
            new ProjectRegistered(New, 1, Project(New, 2046, "新项目", 4_000_000)));
        foreach (var code in new[] { CarLast, FundLast, DraftLast }) await fixture.WaitForLoggedAsync(code, 2);
        foreach (var code in new[] { Car, Renamed, Draft, New }) await fixture.WaitForLoggedAsync(code, 1);

        var summary = await fixture.Reporting.GetSummaryAsync(new SummaryRequest { Year = 2046, GroupBy = "predecessor_grade" });
        Assert.Equal([("none", "上年无评价结果", 2, 4_300_000L), ("中", "上年评价：中", 1, 20_000L), ("良", "上年评价：良", 1, 1_000L)],
            summary.Rows.Select(r => (r.Key, r.Name, r.ProjectCount, r.Budget.TotalFen)).OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal((4, 4_321_000L), (summary.Total.ProjectCount, summary.Total.Budget.TotalFen));
    }
}
