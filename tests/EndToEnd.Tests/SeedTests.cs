using System.Net;
using System.Net.Http.Json;
using Grpc.Core;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>The seed document through the gateway, the way the county office and the finance bureau use the platform.</summary>
public sealed partial class SeedTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private PlatformStack Stack => fixture.Stack;
    private Grpc.Net.Client.GrpcChannel Finance => Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken());

    [Fact]
    public async Task The_import_succeeds_and_reports_what_it_did()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output + fixture.FirstImport.Errors);
        Assert.Contains("新建", fixture.FirstImport.Output);
        Assert.Contains("2,900,450.00", fixture.FirstImport.Output);
        Assert.Contains("290.05", fixture.FirstImport.Output);
        Assert.Contains("名称「顺平县」取自单位名称", fixture.FirstImport.Output);
        var divisions = await new RegistryClient(Finance).ListDivisionsAsync(new ListDivisionsRequest());
        Assert.Equal([("130636", "顺平县")], divisions.Divisions.Select(d => (d.Code, d.Name)));
    }

    [Fact]
    public async Task Every_field_of_the_six_projects_reads_back_exactly()
    {
        var registry = new RegistryClient(Finance);
        foreach (var table in fixture.Seed.Projects)
        {
            var p = await registry.GetProjectAsync(new GetProjectRequest { ProjectCode = table.Code });
            Assert.Equal((table.Code, "130636", table.UnitCode, 2021), (p.Code, p.DivisionCode, p.UnitCode, p.Year));
            Assert.Equal((table.Name, table.Purpose), (p.Name, p.Purpose));
            Assert.Equal(table.Goals, p.Goals);
            Assert.Equal((table.TotalFen, table.FiscalFen, table.OtherFen), (p.Budget.TotalFen, p.Budget.FiscalFen, p.Budget.OtherFen));
        }
        var list = await registry.ListProjectsAsync(new ListProjectsRequest { DivisionCode = "130636", UnitCode = "434001", Year = 2021 });
        Assert.Equal(fixture.Seed.Projects.Select(p => p.Code).Order(StringComparer.Ordinal), list.Projects.Select(p => p.Code));
    }

    [Fact]
    public async Task Indicators_are_stored_verbatim_parsed_and_linted_with_exactly_the_seeds_mistakes()
    {
        var catalogue = new CatalogueClient(Finance);
        var errors = new List<string>();
        var warnings = new List<(string, string, string)>();
        foreach (var table in fixture.Seed.Projects)
        {
            var set = await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = table.Code });
            Assert.Equal(table.Indicators.Select(i => (i.Level1, i.Level2, i.Name, i.Description, i.Target, i.Basis)),
                set.Indicators.Select(i => (i.Indicator.Level1, i.Indicator.Level2, i.Indicator.Name, i.Indicator.Description, i.Indicator.Target, i.Indicator.Basis)));
            errors.AddRange(set.Findings.Where(f => f.Severity == Severity.Error).Select(f => set.Indicators[f.IndicatorIndex].Indicator.Target));
            warnings.AddRange(set.Findings.Where(f => f.Severity == Severity.Warning)
                .Select(f => (table.Code, f.IndicatorIndex < 0 ? "（整体）" : set.Indicators[f.IndicatorIndex].Indicator.Name, f.RuleId)));
        }
        Assert.Equal(["1000百分比", "50人", "95人百分比"], errors.Order());
        // The catalogue's warnings on the seed (LINT-RULES.md), with the project's budget, purpose and goals from the
        // registry. A set copied from another project (SEM-06) is flagged on the later one: the office equipment's, filed
        // after the electricity bill's.
        Assert.Equal(
        [
            ("130636216T39PTY2WF094", "（整体）", "SEM-07"),
            ("130636216T39PTY2WF094", "网络故障率", "SEM-01"),
            ("130636216T39PTY2WF094", "确保项目完成率100%", "VAL-04"),
            ("130636216T39PTY2WF094", "确保项目完成率100%", "IND-04"),
            ("130636216T39PTY2WF094", "满意度投诉率", "SEM-04"),
            ("13063621EG6Q0YDACB33Y", "（整体）", "SEM-07"),
            ("13063621EG6Q0YDACB33Y", "资金按时下达率", "SEM-01"),
            ("13063621EG6Q0YDACB33Y", "资金按时下达率", "SEM-02"),
            ("13063621EG6Q0YDACB33Y", "资金拨付及时率", "SEM-02"),
            ("13063621EG6Q0YDACB33Y", "维护完成率", "SEM-03"),
            ("13063621EG6Q0YDACB33Y", "运行能力", "SEM-08"),
            ("13063621GNTKS9WIPUKRG", "资金到位率", "SEM-02"),
            ("13063621GNTKS9WIPUKRG", "使用人员满意度（%）", "IND-04"),
            ("13063621H8S2NQYMS06ZW", "资金支出进度", "SEM-01"),
            ("13063621H8S2NQYMS06ZW", "资金支出进度", "SEM-02"),
            ("13063621H8S2NQYMS06ZW", "供电可靠率", "SEM-05"),
            ("13063621H8S2NQYMS06ZW", "年度项目完成情况", "SEM-08"),
            ("13063621H8S2NQYMS06ZW", "长期使用性", "SEM-05"),
            ("13063621H8S2NQYMS06ZW", "单位职工满意率", "VAL-09"),
            ("13063621UKW4RET0RBYCO", "（整体）", "SEM-06"),
            ("13063621UKW4RET0RBYCO", "资金支付及时率", "SEM-02"),
            ("13063621UKW4RET0RBYCO", "维护完成率", "SEM-03"),
            ("13063621UKW4RET0RBYCO", "运行能力", "SEM-08"),
            ("13063621YMT9XEFO3YSMF", "项目完成时间", "VAL-07"),
            ("13063621YMT9XEFO3YSMF", "提高贫困人口生活水平率", "SEM-08"),
            ("13063621YMT9XEFO3YSMF", "投保群众满意度", "VAL-02"),
        ], warnings);
        var copied = (await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = "13063621UKW4RET0RBYCO" })).Findings.Single(f => f.RuleId == "SEM-06");
        Assert.Contains("13063621EG6Q0YDACB33Y", copied.Message);
        var cost = (await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = "13063621YMT9XEFO3YSMF" })).Findings.Single(f => f.RuleId == "VAL-05");
        Assert.Contains("37.50 元/人", cost.Message);

        var car = await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = "13063621GNTKS9WIPUKRG" });
        var quantity = car.Indicators[0].Parsed;
        Assert.Equal((Comparator.Ge, "1", "辆"), (quantity.Comparator, quantity.Value, quantity.Unit));
        Assert.Equal((TargetKind.Deadline, "2021-06-30"), (car.Indicators[2].Parsed.Kind, car.Indicators[2].Parsed.Deadline));
        var people = (await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = "13063621YMT9XEFO3YSMF" })).Indicators[0].Parsed;
        Assert.Equal((Comparator.Eq, "47244", "人"), (people.Comparator, people.Value, people.Unit));
    }

    [Fact]
    public async Task Spending_plans_are_stored_and_read_back_with_their_blanks()
    {
        var disbursement = new DisbursementClient(Finance);
        foreach (var table in fixture.Seed.Projects)
        {
            var plan = await disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = table.Code });
            Assert.Equal(table.SpendingPlan.Select(c => (c.Label, c.Month, c.CumulativeBp)),
                plan.Checkpoints.Select(c => (c.Label, c.Month, c.HasCumulativeBp ? c.CumulativeBp : (int?)null)));
        }
    }

    [Fact]
    public async Task A_second_import_changes_nothing_and_says_so()
    {
        var again = await Perfctl.RunAsync(Stack, Stack.FinanceToken("finance-import"), "import", TestEnvironment.SeedPath);
        Assert.True(again.ExitCode == 0, again.Output + again.Errors);
        Assert.Contains("没有任何改动", again.Output);
        var registry = new RegistryClient(Finance);
        Assert.All(fixture.Seed.Projects, t => Assert.Equal(1, registry.GetProject(new GetProjectRequest { ProjectCode = t.Code }).Version));
    }

    [Fact]
    public async Task A_department_of_another_unit_sees_none_of_them()
    {
        var other = Stack.Channel(PlatformStack.Gateway, Stack.DepartmentToken("130636", "435001"));
        var registry = new RegistryClient(other);
        foreach (var table in fixture.Seed.Projects)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => registry.GetProjectAsync(new GetProjectRequest { ProjectCode = table.Code }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            var indicators = await Assert.ThrowsAsync<RpcException>(() => new CatalogueClient(other).GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = table.Code }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, indicators.StatusCode);
        }
        var summary = await new ReportingClient(other).GetSummaryAsync(new SummaryRequest { Year = 2021, GroupBy = "unit" });
        Assert.Equal(0, summary.Total.ProjectCount);
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.DepartmentToken("130636", "435001"));
        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync($"/v1/projects/{fixture.Seed.Projects[0].Code}")).StatusCode);
    }

    [Fact]
    public async Task Bad_filings_through_rest_are_refused_naming_the_field_and_nothing_is_stored()
    {
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.FinanceToken());
        var wrongSum = await rest.PostAsJsonAsync("/v1/divisions/130636/units/434001/projects", new
        {
            code = "13063621RESTWRONGSUM1", year = 2021, name = "错误的预算", budget = new { totalFen = 100, fiscalFen = 60, otherFen = 30 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrongSum.StatusCode);
        Assert.Contains("project.budget.total_fen", await wrongSum.Content.ReadAsStringAsync());
        var malformed = await rest.PostAsJsonAsync("/v1/divisions/130636/units/434001/projects", new
        {
            code = "13063621bad", year = 2021, name = "错误的编码", budget = new { totalFen = 100, fiscalFen = 100, otherFen = 0 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("project.code", await malformed.Content.ReadAsStringAsync());
        var duplicate = await rest.PostAsJsonAsync("/v1/divisions/130636/units/434001/projects", new
        {
            code = "13063621GNTKS9WIPUKRG", year = 2021, name = "重复的编码", budget = new { totalFen = 100, fiscalFen = 100, otherFen = 0 },
        });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("project.code", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync("/v1/projects/13063621RESTWRONGSUM1")).StatusCode);
        var car = await rest.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/projects/13063621GNTKS9WIPUKRG");
        Assert.Equal("购置公务用车项目经费", car.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_finance_bureau_reads_who_created_the_reference_data_through_rest()
    {
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.FinanceToken());
        var audit = await rest.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/audit?entityType=division&entityKey=130636");
        var created = audit.GetProperty("entries").EnumerateArray().Single();
        Assert.Equal(("division", "130636", "create", "finance-import"),
            (created.GetProperty("entityType").GetString(), created.GetProperty("entityKey").GetString(),
             created.GetProperty("action").GetString(), created.GetProperty("actor").GetString()));
        Assert.Contains("顺平县", created.GetProperty("afterJson").GetString());
        using var department = Stack.Http(PlatformStack.Gateway, Stack.DepartmentToken("130636", "434001"));
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync("/v1/audit?entityType=division")).StatusCode);
    }
}
