using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using MonitoringClient = PerfPlatform.Protos.Indicators.V1.Monitoring.MonitoringClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>
/// Mid-year monitoring (双监控) of the seed through the gateway: the seed's projects approved, a round at 7月31日 that finds
/// those behind their plan, and the car project's form walked from save to rectified.
/// </summary>
public sealed class MonitoringFlowTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private const string Car = "13063621GNTKS9WIPUKRG";
    private const string AsOf = "2021-07-31";

    /// <summary>Submits every seed project its unit can submit (those with errors stay drafts) and approves them.</summary>
    private async Task<List<string>> ApproveTheSeedAsync()
    {
        var stack = fixture.Stack;
        var units = fixture.Seed.Projects.Select(p => p.UnitCode).Distinct().ToArray();
        var department = new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.DepartmentToken("130636", units)));
        var finance = new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.FinanceToken("finance-review")));
        var approved = new List<string>();
        foreach (var project in fixture.Seed.Projects)
        {
            try { await department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code }); }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition) { continue; }
            await finance.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = project.Code, Comment = "同意" });
            approved.Add(project.Code);
        }
        return approved;
    }

    [Fact]
    public async Task A_round_at_the_end_of_July_finds_the_seed_projects_behind_their_plan_and_a_form_walks_to_rectified()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output + fixture.FirstImport.Errors);
        var stack = fixture.Stack;
        var approved = await ApproveTheSeedAsync();
        Assert.Contains(Car, approved);
        var finance = new MonitoringClient(stack.Channel(PlatformStack.Gateway, stack.FinanceToken("finance-monitoring")));
        var departmentToken = stack.DepartmentToken("130636", "434001");
        var department = new MonitoringClient(stack.Channel(PlatformStack.Gateway, departmentToken));

        var round = await finance.OpenRoundAsync(new OpenMonitoringRoundRequest { Year = 2021, DivisionCode = "130636", AsOf = AsOf, Deadline = "2021-08-15" });
        Assert.Contains((await finance.ListRoundsAsync(new ListMonitoringRoundsRequest { Year = 2021 })).Rounds, r => r.Id == round.Id);

        // Nothing of the seed is paid: at 7月31日 a project trails its plan by the 6月底 share, red beyond 20 points.
        var behind = fixture.Seed.Projects.Where(p => approved.Contains(p.Code))
            .Where(p => (p.SpendingPlan.Where(c => c.Month <= 7 && c.CumulativeBp is not null).Select(c => c.CumulativeBp).LastOrDefault() ?? 0) > 2000)
            .Select(p => p.Code).Order().ToList();
        Assert.Contains(Car, behind);
        var forms = await Eventually.Until(
            async () => await finance.ListRoundFormsAsync(new ListMonitoringFormsRequest { RoundId = round.Id, Page = new() { PageSize = 100 } }),
            f => f.Forms.Count == approved.Count, "the catalogue to learn of the approvals");
        Assert.Equal(behind, forms.Forms.Where(f => f.Reasons.Any(r => r.RuleId == "EXE-03")).Select(f => f.ProjectCode).Order());
        Assert.All(forms.Forms, f => Assert.Equal("", f.Status));

        // The car's form over REST: 180,000.00 yuan, nothing paid, 100% planned by 6月底.
        using var rest = stack.Http(PlatformStack.Gateway, departmentToken);
        var path = $"/v1/projects/{Car}/monitoring/{round.Id}";
        var read = await rest.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal((18_000_000L, 0L, 10_000, 10_000), (read.GetProperty("budgetFen").GetInt64(), read.GetProperty("spentFen").GetInt64(),
            read.GetProperty("plannedBp").GetInt32(), read.GetProperty("lagBp").GetInt32()));
        var indicators = read.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(fixture.Seed.Projects.Single(p => p.Code == Car).Indicators.Count, indicators.Count);
        Assert.Equal("≥1辆", indicators[0].GetProperty("target").GetString());

        var filing = indicators.Select((x, i) => new
        {
            index = i, reached = i == 0 ? "0辆" : "", expected = i == 0 ? "1辆" : "",
            likelihood = i == 0 ? "有可能" : "确定能", cause = i == 0 ? "经费保障" : "", measure = i == 0 ? "8月完成采购" : "",
        }).ToList();
        var put = await rest.PutAsJsonAsync(path, new { version = 0, expectedSpentFen = 17_000_000, indicators = filing });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var saved = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("draft", 1_000_000L), (saved.GetProperty("status").GetString(), saved.GetProperty("reductionCandidateFen").GetInt64()));
        Assert.Equal(["EXE-03", "EXE-05"], saved.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()));

        var bad = await rest.PutAsJsonAsync(path, new { version = 0, indicators = new[] { new { index = 0, likelihood = "也许" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("indicators[0].likelihood", await bad.Content.ReadAsStringAsync());

        MonitoringFormAction Action(long version, string comment = "") => new() { ProjectCode = Car, RoundId = round.Id, Version = version, Comment = comment };
        var submitted = await department.SubmitFormAsync(Action(1));
        var returned = await finance.ReturnFormAsync(Action(submitted.Version, "请说明调减依据"));
        Assert.Equal(("returned", "请说明调减依据"), (returned.Status, returned.ReturnComment));
        var again = await department.SubmitFormAsync(Action(returned.Version));
        var accepted = await finance.AcceptFormAsync(Action(again.Version, "同意调减 10,000.00 元"));
        Assert.Equal(("accepted", true), (accepted.Status, accepted.NeedsRectification));
        var rectified = await department.MarkRectifiedAsync(Action(accepted.Version, "已申请调减预算并于8月完成采购"));
        Assert.True(rectified.Rectified);
        Assert.Equal(6L, rectified.Version);

        var listed = await finance.ListRoundFormsAsync(new ListMonitoringFormsRequest { RoundId = round.Id, UnitCode = "434001" });
        var car = listed.Forms.Single(f => f.ProjectCode == Car);
        Assert.Equal(("accepted", true, 1_000_000L, "购置公务用车项目经费"), (car.Status, car.Rectified, car.ReductionCandidateFen, car.ProjectName));

        // Reporting follows from the forms' events: the car accepted and rectified, 10,000.00 yuan to cut.
        using var financeRest = stack.Http(PlatformStack.Gateway, stack.FinanceToken("finance-monitoring"));
        var report = await Eventually.Until(
            async () => await financeRest.GetFromJsonAsync<JsonElement>($"/v1/reports/monitoring?roundId={round.Id}&groupBy=unit"),
            r => r.TryGetProperty("total", out var t) && t.TryGetProperty("rectified", out var done) && done.GetInt32() == 1, "Reporting to catch up");
        var total = report.GetProperty("total");
        Assert.Equal((1, 1, 1, 1, 1_000_000L), (total.GetProperty("forms").GetInt32(), total.GetProperty("accepted").GetInt32(),
            total.GetProperty("needingRectification").GetInt32(), total.GetProperty("reductionCandidates").GetInt32(), total.GetProperty("reductionFen").GetInt64()));
        Assert.Equal("130636/434001", report.GetProperty("rows")[0].GetProperty("key").GetString());
        Assert.Equal(Car, report.GetProperty("reductionCandidates")[0].GetProperty("projectCode").GetString());

        // perfctl writes the round's forms to a workbook: one row per project, the car's as above.
        var file = Path.Combine(Path.GetTempPath(), $"monitoring-{Guid.NewGuid():N}.xlsx");
        try
        {
            var run = await Perfctl.RunAsync(stack, stack.FinanceToken("finance-monitoring"), "monitoring", "export", "--round", round.Id, "-o", file);
            Assert.True(run.ExitCode == 0, run.Output + run.Errors);
            Assert.Contains($"{approved.Count} 张监控表", run.Output);
            var rows = WorkbookRows(file);
            Assert.Equal(approved.Order(), rows.Skip(2).Select(r => r[0]).Order());
            var carRow = rows.Single(r => r[0] == Car);
            Assert.Equal(("434001", "已审核", "180000", "是", "是"), (carRow[1], carRow[2], carRow[3], carRow[8], carRow[10]));
            Assert.Contains("EXE-05", carRow[9]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The first sheet's cells as text (inline strings and numbers), row by row.</summary>
    private static List<string[]> WorkbookRows(string file)
    {
        using var package = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, false);
        var workbook = package.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        Assert.Equal("监控表", sheet.Name!.Value);
        var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        return part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray())
            .ToList();
    }
}
