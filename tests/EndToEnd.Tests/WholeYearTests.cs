using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>
/// The seed's 购置公务用车项目 through the whole performance year, the way a county does it, over the gateway's REST routes
/// only: filed (the seed's import), submitted and approved, paid, monitored at 7月31日, evaluated at year end, applied to
/// the unit's 2022 project of the same name, and published.
/// </summary>
public sealed class WholeYearTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private const string Car = "13063621GNTKS9WIPUKRG";
    private const string Public = "/v1/public/divisions/130636/years/2021";

    [Fact]
    public async Task The_car_goes_from_filed_to_published_and_its_grade_reaches_next_years_project()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output + fixture.FirstImport.Errors);
        var stack = fixture.Stack;
        using var department = stack.Http(PlatformStack.Gateway, stack.DepartmentToken("130636", "434001"));
        using var finance = stack.Http(PlatformStack.Gateway, stack.FinanceToken("finance-year"));
        using var anyone = stack.Http(PlatformStack.Gateway, token: null);

        // Filed → approved. Nothing approved is public before the approval.
        Assert.DoesNotContain(Car, (await Ok(await anyone.GetAsync($"{Public}/targets.json"))).GetRawText());
        var submitted = await Ok(await department.PostAsJsonAsync($"/v1/projects/{Car}:submit", new { }));
        Assert.Equal("PROJECT_STATUS_SUBMITTED", submitted.GetProperty("status").GetString());
        var approved = await Ok(await finance.PostAsJsonAsync($"/v1/projects/{Car}:approve", new { comment = "同意" }));
        Assert.Equal("PROJECT_STATUS_APPROVED", approved.GetProperty("status").GetString());
        await stack.CatalogueKnowsProjectAsync(Car, Int64(approved.GetProperty("version")));

        // Paid: the car, bought on 2021-05-20 for 180,000.00 元.
        await Ok(await finance.PostAsJsonAsync($"/v1/projects/{Car}/disbursements", new
        {
            voucherId = "GK-2021-0520-001", date = "2021-05-20", amountFen = 18_000_000, fundSource = "fiscal", note = "购置9座客车",
        }));

        // Monitored: a round at 7月31日; the car is fully paid, so its form needs no rectification once every target is 确定能.
        var round = await Ok(await finance.PostAsJsonAsync("/v1/monitoring/rounds",
            new { year = 2021, divisionCode = "130636", asOf = "2021-07-31", deadline = "2021-08-15" }));
        var formPath = $"/v1/projects/{Car}/monitoring/{round.GetProperty("id").GetString()}";
        var form = await Ok(await department.GetAsync(formPath));
        Assert.Equal((18_000_000L, 18_000_000L), (Int64(form.GetProperty("budgetFen")), Int64(form.GetProperty("spentFen"))));
        var indicators = form.GetProperty("indicators").GetArrayLength();
        var saved = await Ok(await department.PutAsJsonAsync(formPath, new
        {
            version = 0, expectedSpentFen = 18_000_000,
            indicators = Enumerable.Range(0, indicators).Select(i => new { index = i, reached = "", expected = "", likelihood = "确定能" }),
        }));
        Assert.False(saved.TryGetProperty("needsRectification", out var needs) && needs.GetBoolean(), saved.GetRawText());
        var filed = await Ok(await department.PostAsJsonAsync($"{formPath}:submit", new { version = Int64(saved.GetProperty("version")) }));
        var accepted = await Ok(await finance.PostAsJsonAsync($"{formPath}:accept", new { version = Int64(filed.GetProperty("version")), comment = "同意" }));
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());

        // Evaluated at year end: every target met, the whole budget paid by 12-31: 100 points, 优; accepted by the bureau.
        var evaluationPath = $"/v1/projects/{Car}/self-evaluation";
        var evaluation = await Ok(await department.PutAsJsonAsync(evaluationPath, new
        {
            year = 2021, version = 0,
            indicators = new object[]
            {
                new { index = 0, reached = "1辆" },
                new { index = 1, reached = "100%" },
                new { index = 2, reached = "2021-05-20" },
                new { index = 3, reached = "保障了机关下乡、开会等工作", grade = "达成" },
                new { index = 4, reached = "10年" },
                new { index = 5, reached = "96%" },
            },
        }));
        Assert.Equal(("100.00", "优"), (evaluation.GetProperty("score").GetString(), evaluation.GetProperty("grade").GetString()));
        var handedIn = await Ok(await department.PostAsJsonAsync($"{evaluationPath}:submit", new { version = Int64(evaluation.GetProperty("version")) }));
        var reviewed = await Ok(await finance.PostAsJsonAsync($"{evaluationPath}:review",
            new { version = Int64(handedIn.GetProperty("version")), comment = "复核无异议" }));
        Assert.Equal("accepted", reviewed.GetProperty("status").GetString());

        // Applied: the unit's 2022 project of the same name shows last year's result to the reviewer.
        var next = await Ok(await department.PostAsJsonAsync("/v1/divisions/130636/units/434001/projects", new
        {
            year = 2022, name = "购置公务用车项目经费", purpose = "购置9座客车一辆", goals = new[] { "1.预计2022年第二季度完成支出" },
            budget = new { totalFen = 18_000_000, fiscalFen = 18_000_000, otherFen = 0 },
        }));
        var nextCode = next.GetProperty("code").GetString();
        var predecessor = await Eventually.Until(
            async () => (await Ok(await finance.GetAsync($"/v1/projects/{nextCode}"))).GetProperty("predecessor"),
            p => p.TryGetProperty("grade", out var g) && g.GetString() == "优", "the registry to learn of the accepted evaluation");
        Assert.Equal((Car, "100.00"), (predecessor.GetProperty("code").GetString(), predecessor.GetProperty("score").GetString()));
        Assert.Contains("优先保障", predecessor.GetProperty("suggestion").GetString());

        // Published: the approved targets and the accepted evaluation, without a token, without comments or names.
        var targets = await Eventually.Until(async () => await Ok(await anyone.GetAsync($"{Public}/targets.json")),
            t => t.GetRawText().Contains(Car), "the approved targets to be published");
        var evaluations = await Eventually.Until(async () => await Ok(await anyone.GetAsync($"{Public}/evaluations.json")),
            e => e.GetProperty("data").EnumerateArray().Any(r => r.GetProperty("projectCode").GetString() == Car), "the evaluation to be published");
        Assert.All(evaluations.GetProperty("data").EnumerateArray().Where(r => r.GetProperty("projectCode").GetString() == Car),
            r => Assert.Equal(("优", 100m), (r.GetProperty("grade").GetString(), r.GetProperty("score").GetDecimal())));
        foreach (var published in new[] { targets.GetRawText(), evaluations.GetRawText() })
        {
            Assert.DoesNotContain("复核无异议", published);
            Assert.DoesNotContain("finance-year", published);
        }
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An int64 as proto JSON may write it: a number, or a string of digits.</summary>
    private static long Int64(JsonElement value) => long.Parse(value.GetRawText().Trim('"'));
}
