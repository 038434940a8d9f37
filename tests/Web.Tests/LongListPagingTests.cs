using Grpc.Core;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using MonitoringClient = PerfPlatform.Protos.Indicators.V1.Monitoring.MonitoringClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// The finance bureau's lists that grow with the province are read a page at a time: the review queue (21 projects waiting
/// in 2017, which no other test files in, one more than a page), the summary's groups (21 units of one department), the
/// data-quality scorecard's (21 filed units in 2016) and a monitoring round's forms (21 approved projects in 2012).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class LongListPagingTests(ConsoleFixture fixture)
{
    private const int Year = 2017;
    private const string Unit = "434010";

    [Fact]
    public async Task The_review_list_pages_through_the_queue_the_longest_waiting_first()
    {
        var finance = fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken());
        var registry = new RegistryClient(finance);
        await registry.CreateUnitAsync(new CreateUnitRequest { DivisionCode = ConsoleFixture.Division, Code = Unit, DepartmentCode = "434", Name = "顺平县档案馆" });
        var department = fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.DepartmentToken(ConsoleFixture.Division, Unit));
        var catalogue = new CatalogueClient(department);
        var codes = new List<string>();
        for (var i = 1; i <= 21; i++)
        {
            var project = await registry.CreateProjectAsync(new CreateProjectRequest
            {
                DivisionCode = ConsoleFixture.Division, UnitCode = Unit,
                Project = new Project
                {
                    Year = Year, Name = $"档案数字化项目{i:00}", Purpose = "馆藏档案数字化", Goals = { "年内完成档案扫描" },
                    Budget = new Budget { TotalFen = 1_000_000 * i, FiscalFen = 1_000_000 * i },
                },
            });
            codes.Add(project.Code);
            await Eventually.Succeeds(() => catalogue.PutIndicatorSetAsync(new PutIndicatorSetRequest
            {
                ProjectCode = project.Code,
                Indicators = { new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "档案扫描卷数", Target = "≥1000卷" } },
            }).ResponseAsync, e => e is RpcException { StatusCode: StatusCode.NotFound });
        }
        // Submitted in order, each once the registry has heard of its indicator set.
        var own = new RegistryClient(department);
        foreach (var code in codes)
            await Eventually.Succeeds(() => own.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = code }).ResponseAsync,
                e => e is RpcException { StatusCode: StatusCode.FailedPrecondition });
        // The year list offers the years the summary holds projects in.
        var reporting = new ReportingClient(finance);
        await Eventually.Until(async () => (await reporting.GetSummaryAsync(new SummaryRequest { Year = Year, GroupBy = "division" })).Total?.ProjectCount == 21,
            "Reporting counts the 21 projects of 2017");

        var page = await fixture.SignInAsync("role=finance");
        await page.GotoAsync($"{fixture.BaseUrl}/review");
        await page.GetByText($"{Year}年").ClickAsync();
        var rows = page.Locator("tr.ant-table-row");
        await Expect(page.Locator(".toolbar")).ToContainTextAsync("共 21 个项目待审核");
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(rows.First).ToContainTextAsync("档案数字化项目01");
        await Expect(page.Locator(".pager")).ToContainTextAsync("第 1 / 2 页，共 21 条");
        await ConsoleFixture.ScreenshotAsync(page, "06-review-queue-page-1");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Expect(page.Locator(".pager")).ToContainTextAsync("第 2 / 2 页");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("档案数字化项目21");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "上一页" }).ClickAsync();
        await Expect(rows.First).ToContainTextAsync("档案数字化项目01");
        await Expect(rows).ToHaveCountAsync(20);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_summary_pages_through_a_departments_units_as_reporting_answers_them()
    {
        // A department of its own with 21 units, a project each, in 2018 (where only ImportTests file, in department 434).
        const int year = 2018;
        var finance = fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken());
        await UnitsWithAProjectAsync(new RegistryClient(finance), "435", "顺平县教育局", i => $"顺平县第{i:00}中学", year, "校舍维修项目");
        var reporting = new ReportingClient(finance);
        await Eventually.Until(async () =>
            {
                var units = await reporting.GetSummaryAsync(new SummaryRequest { Year = year, GroupBy = "unit", DivisionCode = ConsoleFixture.Division, DepartmentCode = "435" });
                return units.Page.TotalSize == 21 && units.Rows.All(r => r.Name.StartsWith("顺平县第", StringComparison.Ordinal));
            },
            "Reporting holds the 21 units of department 435 with their names");

        var page = await fixture.SignInAsync("role=finance");
        await page.GotoAsync($"{fixture.BaseUrl}/summary");
        await page.GetByText($"{year}年").ClickAsync();
        var rows = page.Locator("tr.ant-table-row");
        await rows.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "顺平县（130636）", Exact = true }).ClickAsync();
        await rows.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "顺平县教育局（130636/435）", Exact = true }).ClickAsync();
        await Expect(page.Locator(".ant-breadcrumb a")).ToHaveCountAsync(3);
        await Expect(page.Locator(".pager")).ToContainTextAsync("第 1 / 2 页，共 21 条");
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(rows.First).ToContainTextAsync("顺平县第01中学");
        await Expect(page.GetByTestId("summary-total")).ToContainTextAsync("21 个项目");
        await Expect(page.GetByTestId("summary-total")).ToContainTextAsync("2,100,000.00");
        await ConsoleFixture.ScreenshotAsync(page, "10-summary-units-page-1");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("顺平县第21中学");
        await Expect(page.GetByTestId("summary-total")).ToContainTextAsync("21 个项目");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_scorecard_pages_through_units_as_reporting_answers_them()
    {
        // A department of its own with 21 units, each with one filed project, in 2016 (which no other test files in).
        const int year = 2016;
        var finance = fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken());
        foreach (var (unit, code) in await UnitsWithAProjectAsync(new RegistryClient(finance), "436", "顺平县卫生健康局", i => $"顺平县第{i:00}卫生院", year, "村卫生室设备购置"))
        {
            var catalogue = new CatalogueClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.DepartmentToken(ConsoleFixture.Division, unit)));
            await Eventually.Succeeds(() => catalogue.PutIndicatorSetAsync(new PutIndicatorSetRequest
            {
                ProjectCode = code,
                Indicators = { new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "购置设备台数", Target = "≥5台" } },
            }).ResponseAsync, e => e is RpcException { StatusCode: StatusCode.NotFound });
        }
        var reporting = new ReportingClient(finance);
        await Eventually.Until(async () =>
            {
                var units = await reporting.GetQualityAsync(new QualityRequest { Year = year, GroupBy = "unit", Page = new PageRequest { PageSize = 1 } });
                return units.Page.TotalSize == 21 && units.Rows.All(r => r.Name.StartsWith("顺平县第", StringComparison.Ordinal));
            },
            "Reporting's scorecard holds the 21 filed units of 2016 with their names");

        var page = await fixture.SignInAsync("role=finance");
        await page.GotoAsync($"{fixture.BaseUrl}/quality");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Group, new() { Name = "预算年度" }).GetByText($"{year}年").ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Group, new() { Name = "分组方式" }).GetByText("单位", new() { Exact = true }).ClickAsync();
        var rows = page.Locator("tr.ant-table-row");
        await Expect(page.Locator(".pager")).ToContainTextAsync("第 1 / 2 页，共 21 条");
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(rows.First).ToContainTextAsync("顺平县第01卫生院");
        await Expect(page.GetByTestId("quality-total")).ToContainTextAsync($"{year}年：填报 21 个项目");
        await ConsoleFixture.ScreenshotAsync(page, "44-quality-units-page-1");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("顺平县第21卫生院");
        await Expect(page.GetByTestId("quality-total")).ToContainTextAsync("填报 21 个项目");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_monitoring_round_pages_through_its_forms_as_the_catalogue_answers_them()
    {
        // A department of its own with 21 units, each with one approved project, in 2012 (which no other test files in).
        const int year = 2012;
        var finance = fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken());
        var registry = new RegistryClient(finance);
        async Task ApproveAsync(string unit, string code)
        {
            var department = fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.DepartmentToken(ConsoleFixture.Division, unit));
            await Eventually.Succeeds(() => new CatalogueClient(department).PutIndicatorSetAsync(new PutIndicatorSetRequest
            {
                ProjectCode = code,
                Indicators = { new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "加固水库座数", Target = "≥1座" } },
            }).ResponseAsync, e => e is RpcException { StatusCode: StatusCode.NotFound });
            await Eventually.Succeeds(() => new RegistryClient(department).SubmitProjectAsync(new ReviewActionRequest { ProjectCode = code }).ResponseAsync,
                e => e is RpcException { StatusCode: StatusCode.FailedPrecondition });
            await registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = code, Comment = "同意" });
        }
        var projects = await UnitsWithAProjectAsync(registry, "437", "顺平县水利局", i => $"顺平县第{i:00}水利站", year, "小型水库除险加固");
        foreach (var (unit, code) in projects)
            await ApproveAsync(unit, code);
        var monitoring = new MonitoringClient(finance);
        var round = await monitoring.OpenRoundAsync(new OpenMonitoringRoundRequest
        {
            Year = year, DivisionCode = ConsoleFixture.Division, AsOf = $"{year}-07-31", Deadline = $"{year}-08-15",
        });
        Task FormsAsync(int count) => Eventually.Until(async () => (await monitoring.ListRoundFormsAsync(new ListMonitoringFormsRequest
            {
                RoundId = round.Id, Page = new PageRequest { PageSize = 1 },
            })).Page.TotalSize == count,
            $"the catalogue lists the {count} approved projects of 2012 in the round");
        await FormsAsync(21);

        var page = await fixture.SignInAsync("role=finance");
        await page.GotoAsync($"{fixture.BaseUrl}/monitoring?year={year}&round={round.Id}");
        // The forms' rows (each links to its form), not the rounds' above them.
        var rows = page.Locator("tr.ant-table-row", new() { Has = page.Locator($"a[href^='/monitoring/{round.Id}/']") });
        await Expect(page.Locator(".pager")).ToContainTextAsync("第 1 / 2 页，共 21 条");
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(page.GetByTestId("round-total")).ToContainTextAsync("21 个项目");
        await ConsoleFixture.ScreenshotAsync(page, "58-monitoring-forms-page-1");
        var firstPage = await rows.Locator("td:first-child .project-code").AllInnerTextsAsync();

        // Each page is asked of the catalogue when it is shown: a project approved meanwhile counts on the next.
        var late = await registry.CreateProjectAsync(new CreateProjectRequest
        {
            DivisionCode = ConsoleFixture.Division, UnitCode = "437001",
            Project = new Project { Year = year, Name = "山洪沟治理", Purpose = "山洪沟治理", Goals = { "年内完成" }, Budget = new Budget { TotalFen = 10_000_000, FiscalFen = 10_000_000 } },
        });
        await ApproveAsync("437001", late.Code);
        await FormsAsync(22);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Expect(page.Locator(".pager")).ToContainTextAsync("第 2 / 2 页，共 22 条");
        // In code order after page 1's last: the other project of the 21, and the late one unless its code sorts before.
        var after = projects.Select(p => p.Code).Append(late.Code).Where(c => string.CompareOrdinal(c, firstPage[^1]) > 0).Order(StringComparer.Ordinal);
        await Expect(rows.Locator("td:first-child .project-code")).ToHaveTextAsync(after.ToArray());
        await page.Context.CloseAsync();
    }

    /// <summary>A department of its own with 21 units (its code and 001–021), each with one project of 100,000 yuan in the year.</summary>
    private static async Task<List<(string Unit, string Code)>> UnitsWithAProjectAsync(RegistryClient registry, string department,
        string departmentName, Func<int, string> unitName, int year, string projectName)
    {
        await registry.CreateDepartmentAsync(new CreateDepartmentRequest { DivisionCode = ConsoleFixture.Division, Code = department, Name = departmentName });
        var filed = new List<(string Unit, string Code)>();
        for (var i = 1; i <= 21; i++)
        {
            var unit = $"{department}{i:000}";
            await registry.CreateUnitAsync(new CreateUnitRequest { DivisionCode = ConsoleFixture.Division, Code = unit, DepartmentCode = department, Name = unitName(i) });
            var project = await registry.CreateProjectAsync(new CreateProjectRequest
            {
                DivisionCode = ConsoleFixture.Division, UnitCode = unit,
                Project = new Project { Year = year, Name = projectName, Purpose = projectName, Goals = { "年内完成" }, Budget = new Budget { TotalFen = 10_000_000, FiscalFen = 10_000_000 } },
            });
            filed.Add((unit, project.Code));
        }
        return filed;
    }
}
