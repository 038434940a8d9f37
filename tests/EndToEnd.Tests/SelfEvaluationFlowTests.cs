using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>
/// 绩效自评 of the seed through the gateway's REST routes: 购置公务用车项目, approved and paid on 2021-05-20, evaluated at
/// year end; a shortfall without cause refused, submitted, reviewed with both scores kept, and the form in three formats.
/// </summary>
public sealed class SelfEvaluationFlowTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private const string Car = "13063621GNTKS9WIPUKRG";
    private const string Path = $"/v1/projects/{Car}/self-evaluation";

    private static object Body(long version, string done = "2021-05-20", string cause = "", string measure = "") => new
    {
        year = 2021, version,
        indicators = new object[]
        {
            new { index = 0, reached = "1辆" },
            new { index = 1, reached = "100%" },
            new { index = 2, reached = done, cause, measure },
            new { index = 3, reached = "保障了机关下乡、开会等工作", grade = "达成" },
            new { index = 4, reached = "10年" },
            new { index = 5, reached = "96%" },
        },
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An int64 as proto JSON may write it: a number, or a string of digits.</summary>
    private static long Int64(JsonElement value) => long.Parse(value.GetRawText().Trim('"'));

    private static long V(JsonElement form) => Int64(form.GetProperty("version"));

    [Fact]
    public async Task The_car_evaluated_at_year_end_scores_100_and_goes_through_submission_and_review()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output + fixture.FirstImport.Errors);
        var stack = fixture.Stack;
        var departmentToken = stack.DepartmentToken("130636", "434001");
        var registry = new RegistryClient(stack.Channel(PlatformStack.Gateway, departmentToken));
        var financeRegistry = new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.FinanceToken("finance-review")));
        using var department = stack.Http(PlatformStack.Gateway, departmentToken);
        using var finance = stack.Http(PlatformStack.Gateway, stack.FinanceToken("finance-evaluation"));

        // A draft cannot be evaluated; the approved car can.
        var early = await department.PutAsJsonAsync(Path, Body(0));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("尚未批复", await early.Content.ReadAsStringAsync());
        await registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = Car });
        var approved = await financeRegistry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = Car });
        await stack.CatalogueKnowsProjectAsync(Car, approved.Version);
        await new DisbursementClient(stack.Channel(PlatformStack.Gateway, stack.FinanceToken())).RecordDisbursementAsync(new RecordDisbursementRequest
        {
            ProjectCode = Car, VoucherId = "GK-2021-0520-001", Date = "2021-05-20", AmountFen = 18_000_000, FundSource = "fiscal", Note = "购置9座客车",
        });

        // Every target met, the whole budget paid by 12-31 (taken from the payments): 100 points, 优.
        var met = await Json(await department.PutAsJsonAsync(Path, Body(0)));
        Assert.Equal(("100.00", "100.00", "优", "10.00"), (met.GetProperty("score").GetString(), met.GetProperty("outOf").GetString(),
            met.GetProperty("grade").GetString(), met.GetProperty("executionScore").GetString()));
        Assert.Equal((18_000_000L, "payments", "购置公务用车项目经费"), (Int64(met.GetProperty("spentFen")), met.GetProperty("spentSource").GetString(),
            met.GetProperty("projectName").GetString()));
        var items = met.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["16.67", "16.67", "16.66", "15.00", "15.00", "10.00"], items.Select(i => i.GetProperty("points").GetString()));
        Assert.Equal(items.Select(i => i.GetProperty("points").GetString()), items.Select(i => i.GetProperty("score").GetString()));

        // Delivered on 31 July against 2021年第二季度完成: 181 ÷ 212 of 16.66 = 14.22; without cause and measure, not submittable.
        var late = await Json(await department.PutAsJsonAsync(Path, Body(V(met), "2021-07-31")));
        Assert.Equal(("97.56", "14.22"), (late.GetProperty("score").GetString(), late.GetProperty("items")[2].GetProperty("score").GetString()));
        var refused = await department.PostAsJsonAsync($"{Path}:submit", new { version = V(late) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("indicators[2].cause", refusal);
        Assert.Contains("indicators[2].measure", refusal);
        Assert.Contains("偏差原因", refusal);

        var explained = await Json(await department.PutAsJsonAsync(Path, Body(V(late), "2021-07-31", "车辆交付延期", "提前启动采购")));
        var submitted = await Json(await department.PostAsJsonAsync($"{Path}:submit", new { version = V(explained) }));
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        var beforeReview = await Json(await stack.Http(PlatformStack.Gateway, token: null).GetAsync("/v1/public/divisions/130636/years/2021/evaluations.json"));
        Assert.Empty(beforeReview.GetProperty("data").EnumerateArray());
        var byDepartment = await department.PostAsJsonAsync($"{Path}:review", new { version = 0, comment = "自己复核" });
        Assert.Equal(HttpStatusCode.Forbidden, byDepartment.StatusCode);

        var reviewed = await Json(await finance.PostAsJsonAsync($"{Path}:review", new
        {
            version = V(submitted), comment = "满意度调查样本不足",
            items = new[] { new { index = 5, score = "8" } },
        }));
        Assert.Equal(("accepted", "97.56", "95.56", "优"), (reviewed.GetProperty("status").GetString(), reviewed.GetProperty("score").GetString(),
            reviewed.GetProperty("reviewedScore").GetString(), reviewed.GetProperty("reviewedGrade").GetString()));
        Assert.Equal(("10.00", "8.00"), (reviewed.GetProperty("items")[5].GetProperty("score").GetString(), reviewed.GetProperty("items")[5].GetProperty("reviewedScore").GetString()));

        // Published (without a token) only once accepted; the finance bureau's report and the dashboards count it.
        using var anyone = stack.Http(PlatformStack.Gateway, token: null);
        var published = await Eventually.Until(async () => await Json(await anyone.GetAsync("/v1/public/divisions/130636/years/2021/evaluations.json")),
            j => j.GetProperty("data").GetArrayLength() > 0, "the accepted evaluation to be published");
        var rows = published.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal((Car, "优", 95.56m), (r.GetProperty("projectCode").GetString(), r.GetProperty("grade").GetString(),
            r.GetProperty("score").GetDecimal())));
        Assert.Equal(("2021-07-31", 14.22m), (rows[2].GetProperty("reached").GetString(), rows[2].GetProperty("indicatorScore").GetDecimal()));
        Assert.DoesNotContain("满意度调查样本不足", published.GetRawText());
        Assert.DoesNotContain("finance-evaluation", published.GetRawText());
        var csv = await anyone.GetByteArrayAsync("/v1/public/divisions/130636/years/2021/evaluations.csv");
        var report = await Json(await finance.GetAsync("/v1/reports/evaluation?year=2021&divisionCode=130636&groupBy=grade"));
        var excellent = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal(("优", 1, 1, "95.56"), (excellent.GetProperty("key").GetString(), excellent.GetProperty("evaluated").GetInt32(),
            excellent.GetProperty("accepted").GetInt32(), excellent.GetProperty("averageScore").GetString()));
        using var metrics = stack.Http(PlatformStack.Reporting, null);
        await Eventually.Until(() => metrics.GetStringAsync("/metrics"), m => m.Split('\n').Any(l => l.StartsWith("perf_evaluations{")
            && l.Contains("grade=\"优\"") && l.Contains("status=\"accepted\"") && l.EndsWith(" 1")), "perf_evaluations to count the car",
            interval: TimeSpan.FromMilliseconds(500));

        // perfctl publish writes the same evaluations beside the targets, and a page with them.
        var dir = Directory.CreateTempSubdirectory("publish-evaluations-").FullName;
        try
        {
            var run = await Perfctl.RunAsync(stack, stack.FinanceToken("finance-publish"), "publish", "--division", "130636", "--year", "2021", "-o", dir);
            Assert.True(run.ExitCode == 0, run.Output + run.Errors);
            Assert.Contains("1 个已审核的绩效自评", run.Output);
            Assert.Equal(csv, await File.ReadAllBytesAsync(System.IO.Path.Combine(dir, "evaluations.csv")));
            var package = JsonDocument.Parse(await File.ReadAllTextAsync(System.IO.Path.Combine(dir, "datapackage.json"))).RootElement;
            Assert.Equal(["targets.csv", "evaluations.csv"], package.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("path").GetString()));
            var page = await File.ReadAllTextAsync(System.IO.Path.Combine(dir, "index.html"));
            Assert.Contains("自评得分 95.56（满分 100.00），评价等级 优", page);
            Assert.Contains("<td>2021年第二季度完成</td><td>2021-07-31</td><td>16.66</td><td>14.22</td>", page);

            // perfctl evaluation export: the division's evaluations of the year as a workbook.
            var file = System.IO.Path.Combine(dir, "evaluations.xlsx");
            var exported = await Perfctl.RunAsync(stack, stack.FinanceToken("finance-export"), "evaluation", "export", "--division", "130636", "--year", "2021", "-o", file);
            Assert.True(exported.ExitCode == 0, exported.Output + exported.Errors);
            Assert.Contains("1 个项目的绩效自评，平均得分 95.56", exported.Output);
            using var book = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, false);
            var exportedCells = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
                .Select(c => c.InnerText).ToList();
            Assert.Equal([Car, "购置公务用车项目经费", "434001"], exportedCells.SkipWhile(c => c != Car).Take(3));
            Assert.Contains("97.56", exportedCells);
            Assert.Contains("95.56", exportedCells);
            Assert.Contains("已审核", exportedCells);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // 项目支出绩效自评表 in three formats.
        var text = await department.GetStringAsync($"{Path}/document?format=text");
        foreach (var expected in new[] { "项目支出绩效自评表", "年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分", "180000.00\t180000.00\t180000.00\t10.00\t100.00%\t10.00",
                     "2021年第二季度完成\t2021-07-31\t16.66\t14.22\t原因：车辆交付延期 措施：提前启动采购", "总分", "97.56", "自评等级：优", "复核得分 95.56" })
            Assert.Contains(expected, text);
        var html = await department.GetAsync($"{Path}/document?format=html");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<td>偏差原因分析及改进措施</td>", await html.Content.ReadAsStringAsync());
        var xlsx = await department.GetAsync($"{Path}/document?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var workbook = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), workbook[..2]);
        using var sheet = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var cells = sheet.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .Select(c => c.InnerText).ToList();
        Assert.Contains("项目支出绩效自评表", cells);
        Assert.Contains("偏差原因分析及改进措施", cells);
        Assert.Contains(cells, c => c == "97.56");
    }
}
