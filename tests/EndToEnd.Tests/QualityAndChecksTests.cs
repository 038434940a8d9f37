using System.Text.Json;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>The check catalogue and the data-quality scorecard through the gateway, on the imported seed.</summary>
public sealed partial class SeedTests
{
    [Fact]
    public async Task The_check_catalogue_is_published_to_any_signed_in_role_and_by_perfctl()
    {
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.DepartmentToken("130636", "434001"));
        var json = JsonDocument.Parse(await rest.GetStringAsync("/v1/checks")).RootElement;
        var rules = json.GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "SEM-10");
        var cost = Assert.Single(rules, r => r.GetProperty("id").GetString() == "VAL-05");
        Assert.Equal("SEVERITY_ERROR", cost.GetProperty("severity").GetString());
        Assert.Contains("37.50 元/人", cost.GetProperty("example").GetString());
        // Checked by mid-year monitoring since it exists (a form with a target 完全不可能 needs rectification).
        var impossible = Assert.Single(rules, r => r.GetProperty("id").GetString() == "EXE-06");
        Assert.Equal("execution", impossible.GetProperty("stage").GetString());
        Assert.Contains("运行监控", impossible.GetProperty("whereEnforced").GetString());

        var printed = await Perfctl.RunAsync(Stack, Stack.FinanceToken(), "checks", "--rule", "val-05");
        Assert.True(printed.ExitCode == 0, printed.Output + printed.Errors);
        Assert.Contains("VAL-05", printed.Output);
        Assert.Contains("≤37.5元/人", printed.Output);
        Assert.DoesNotContain("VAL-01", printed.Output);
    }

    [Fact]
    public async Task The_scorecard_of_the_seed_answers_through_the_gateway_and_as_metrics()
    {
        var reporting = new ReportingClient(Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken()));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        QualityResponse byRule;
        while ((byRule = await reporting.GetQualityAsync(new QualityRequest { Year = 2021, GroupBy = "rule" })).Total.ProjectsFiled < 6)
        {
            Assert.True(DateTime.UtcNow < deadline, byRule.ToString());
            await Task.Delay(200);
        }
        // Six projects filed; the office equipment's (VAL-01) and the poverty fund's (VAL-05, VAL-03) have errors.
        Assert.Equal((6, 4, 6667), (byRule.Total.ProjectsFiled, byRule.Total.ProjectsWithoutErrors, byRule.Total.WithoutErrorsBp));
        Assert.Equal((3, 26), (byRule.Total.Findings.Errors, byRule.Total.Findings.Warnings));
        var budgetProcess = Assert.Single(byRule.Rows, r => r.Key == "SEM-02");
        Assert.Equal((4, 5, "预算执行类指标作为产出"), (budgetProcess.ProjectsFiled, budgetProcess.Findings.Warnings, budgetProcess.Name));
        Assert.Equal((1, 0), (byRule.Rows.Single(r => r.Key == "VAL-01").ProjectsFiled, byRule.Rows.Single(r => r.Key == "VAL-01").ProjectsWithoutErrors));
        Assert.Equal(byRule.TopRules.Select(r => r.Findings).OrderDescending(), byRule.TopRules.Select(r => r.Findings));
        Assert.Equal(byRule.Rows.Max(r => r.Findings.Errors + r.Findings.Warnings + r.Findings.Infos), byRule.TopRules[0].Findings);

        using var rest = Stack.Http(PlatformStack.Gateway, Stack.DepartmentToken("130636", "434001"));
        var own = JsonDocument.Parse(await rest.GetStringAsync("/v1/reports/quality?year=2021&groupBy=department")).RootElement;
        var row = Assert.Single(own.GetProperty("rows").EnumerateArray());
        Assert.Equal(("130636/434", 6), (row.GetProperty("key").GetString(), row.GetProperty("projectsFiled").GetInt32()));
        using var other = Stack.Http(PlatformStack.Gateway, Stack.DepartmentToken("130636", "435001"));
        var none = JsonDocument.Parse(await other.GetStringAsync("/v1/reports/quality?year=2021&groupBy=unit")).RootElement;
        Assert.False(none.TryGetProperty("rows", out var rows) && rows.GetArrayLength() > 0, none.ToString());

        using var metrics = Stack.Http(PlatformStack.Reporting, null);
        var scraped = "";
        string Line(string rule) => scraped.Split('\n').FirstOrDefault(l => l.StartsWith("perf_rule_findings{") && l.Contains($"rule=\"{rule}\"")
                                                                         && l.Contains("year=\"2021\"")) ?? "";
        for (var until = DateTime.UtcNow.AddSeconds(30); !Line("SEM-02").EndsWith(" 5") && DateTime.UtcNow < until; await Task.Delay(500))
            scraped = await metrics.GetStringAsync("/metrics");
        Assert.EndsWith(" 5", Line("SEM-02"));
        Assert.Contains("severity=\"error\"", Line("VAL-01"));
    }
}
