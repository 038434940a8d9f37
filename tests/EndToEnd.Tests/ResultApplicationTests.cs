using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>
/// 结果应用 through the gateway: a 2022 project of the seed's unit named like the seed's 2021 car purchase shows the
/// 2021 project's accepted evaluation to the reviewer. The evaluation is published as IndicatorCatalogue publishes it.
/// </summary>
public sealed class ResultApplicationTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private const string Car = "13063621GNTKS9WIPUKRG";

    [Fact]
    public async Task A_2022_project_of_the_same_unit_and_name_shows_the_2021_projects_grade_and_suggestion()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output + fixture.FirstImport.Errors);
        var stack = fixture.Stack;
        await TestBus.PublishAsync(stack.VirtualHost,
            new SelfEvaluationChanged(Car, "130636", "434001", 2021, 3, PerformanceStatuses.Accepted, 18_000_000, 18_000_000, 100m, 100m, "优",
                null, null, [], DateTimeOffset.UtcNow),
            new MonitoringFormChanged(Guid.NewGuid(), Car, "130636", "434001", 2021, 2, PerformanceStatuses.Accepted, 18_000_000, 0,
                18_000_000, 0, 10000, 0, true, ["执行进度落后计划"], false, DateTimeOffset.UtcNow));
        await Consumed.EverythingAsync(stack, "registry");

        using var department = stack.Http(PlatformStack.Gateway, stack.DepartmentToken("130636", "434001"));
        var created = await department.PostAsJsonAsync("/v1/divisions/130636/units/434001/projects", new
        {
            year = 2022, name = "购置公务用车项目经费", purpose = "购置9座客车一辆", goals = new[] { "1.预计2022年第二季度完成支出" },
            budget = new { totalFen = 18_000_000, fiscalFen = 18_000_000, otherFen = 0 },
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        Assert.StartsWith("13063622", code);

        using var finance = stack.Http(PlatformStack.Gateway, stack.FinanceToken("finance-review"));
        var project = await finance.GetFromJsonAsync<JsonElement>($"/v1/projects/{code}");
        var predecessor = project.GetProperty("predecessor");
        Assert.Equal((Car, 2021, "name"), (Text(predecessor, "code"), Number(predecessor, "year"), Text(predecessor, "matchedBy")));
        Assert.Equal(("accepted", "100.00", "优"), (Text(predecessor, "evaluationStatus"), Text(predecessor, "score"), Text(predecessor, "grade")));
        Assert.Equal((1, 0), (Number(predecessor, "openRectifications"), Number(predecessor, "suggestedAdjustmentBp")));
        Assert.Equal("上年度绩效评价等级为优（100.00 分）：优先保障。", Text(predecessor, "suggestion"));

        // The list stays as it was: no predecessor is computed for it.
        var list = await finance.GetFromJsonAsync<JsonElement>("/v1/divisions/130636/units/434001/projects?year=2022");
        Assert.All(list.GetProperty("projects").EnumerateArray(), p => Assert.False(p.TryGetProperty("predecessor", out _)));
    }

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";

    // Proto JSON leaves zero numbers out.
    private static int Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : 0;
}
