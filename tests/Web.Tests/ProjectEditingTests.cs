using Grpc.Core;
using Microsoft.Playwright;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// A department edits its project's indicator set (rows added and removed, re-linted as typed, a stale save answered) and
/// its spending plan. A unit of its own and a 2020 project, so that the other tests' 2021 figures stay as they are.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProjectEditingTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Indicators_are_added_removed_relinted_and_a_stale_save_is_answered()
    {
        var (code, catalogue, _) = await ProjectAsync("434006", "顺平县机关事务服务中心");
        var page = await fixture.SignInAsync("role=department&division=130636&unit=434006");
        await page.GotoAsync($"{fixture.BaseUrl}/projects/{code}");
        await Expect(page.Locator("span.target", new() { HasText = "12台" })).ToBeVisibleAsync();
        await page.Locator("#edit-indicators").ClickAsync();
        await AccessibilityTests.AssertClean(page, "/projects (editing indicators)");

        await page.Locator("#add-indicator").ClickAsync();
        await Expect(page.Locator("tr.indicator-row")).ToHaveCountAsync(3);
        // The new row takes the last row's headings; named, its target is linted as typed.
        await Expect(page.GetByLabel("第3行 一级指标")).ToHaveValueAsync("产出指标");
        await Expect(page.Locator("tr.indicator-row").Nth(2).Locator(".field-error")).ToContainTextAsync("三级指标名称");
        await page.GetByLabel("第3行 三级指标").FillAsync("打印机更换台数");
        var target = page.GetByLabel("打印机更换台数 指标值");
        await target.FillAsync("1000百分比");
        var newRow = page.Locator("tr.indicator-row", new() { Has = target });
        await Expect(newRow.Locator(".field-error")).ToHaveCountAsync(0);
        var percentInQuantity = newRow.GetByTestId("finding").Filter(new() { HasText = "放在数量指标下，但指标值是百分比" });
        await Expect(percentInQuantity).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(page, "50-indicators-editing");
        await target.FillAsync("5台");
        await Expect(percentInQuantity).ToHaveCountAsync(0);
        await Expect(newRow.GetByTestId("finding").Filter(new() { HasText = "错误" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "删除指标：会议室改造间数" }).ClickAsync();
        await Expect(page.Locator("tr.indicator-row")).ToHaveCountAsync(2);
        await page.Locator("#save-indicators").ClickAsync();
        await Expect(page.GetByText("指标已保存。")).ToBeVisibleAsync();
        await Expect(page.Locator("span.target", new() { HasText = "5台" })).ToBeVisibleAsync();
        await Expect(page.Locator(".indicators").GetByText("会议室改造间数")).ToHaveCountAsync(0);
        var stored = await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = code });
        Assert.Equal(["办公设备购置数量", "打印机更换台数"], stored.Indicators.Select(i => i.Indicator.Name));
        // The project's history shows the indicators' change beside the registry's entries (from the catalogue's audit).
        await page.ReloadAsync();
        await Expect(page.Locator(".history")).ToContainTextAsync("修改绩效指标 · department-130636-434006");
        await Expect(page.Locator(".history")).ToContainTextAsync("创建项目");

        // Someone else saves meanwhile: the console's save is refused, says so, and shows what the platform now holds.
        await page.Locator("#edit-indicators").ClickAsync();
        var theirs = stored.Indicators.Select(i => i.Indicator.Clone()).ToList();
        theirs[0].Target = "15台";
        await catalogue.PutIndicatorSetAsync(new PutIndicatorSetRequest { ProjectCode = code, Version = stored.Version, Indicators = { theirs } });
        await page.GetByLabel("打印机更换台数 指标值").FillAsync("6台");
        await page.Locator("#save-indicators").ClickAsync();
        await Expect(page.Locator(".conflict")).ToContainTextAsync("已被他人修改");
        await Expect(page.GetByLabel("办公设备购置数量 指标值")).ToHaveValueAsync("15台");
        await Expect(page.GetByLabel("打印机更换台数 指标值")).ToHaveValueAsync("5台");
        await ConsoleFixture.ScreenshotAsync(page, "51-indicators-conflict");

        // A standard indicator of the library, chosen by name, brings its headings.
        await page.Locator("#add-indicator").ClickAsync();
        await page.GetByLabel("第3行 三级指标").FillAsync("工作按时完成率");
        await Expect(page.GetByLabel("第3行 二级指标")).ToHaveValueAsync("时效指标");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_spending_plan_is_edited_with_blanks_and_the_apis_messages_beside_its_cells()
    {
        var (code, _, disbursement) = await ProjectAsync("434007", "顺平县政务服务中心");
        var page = await fixture.SignInAsync("role=department&division=130636&unit=434007");
        await page.GotoAsync($"{fixture.BaseUrl}/projects/{code}");
        var chart = page.Locator("table.plan-chart");
        await Expect(chart).ToContainTextAsync("10.00%");
        await page.Locator("#edit-plan").ClickAsync();
        await Expect(page.GetByLabel("3月底")).ToHaveValueAsync("10");
        await AccessibilityTests.AssertClean(page, "/projects (editing the plan)");

        await page.GetByLabel("3月底").FillAsync("三成");
        await page.Locator("#save-plan").ClickAsync();
        await Expect(page.Locator("tr", new() { Has = page.GetByLabel("3月底") }).Locator(".field-error")).ToContainTextAsync("请填写百分数");

        // The API refuses a falling share and names the cell.
        await page.GetByLabel("3月底").FillAsync("40");
        await page.GetByLabel("6月底").FillAsync("30");
        await page.Locator("#save-plan").ClickAsync();
        await Expect(page.Locator("tr", new() { Has = page.GetByLabel("6月底") }).Locator(".field-error")).ToContainTextAsync("累计比例不能下降");
        await ConsoleFixture.ScreenshotAsync(page, "52-plan-refused");

        await page.GetByLabel("6月底").FillAsync("60.5");
        await page.GetByLabel("10月底").FillAsync("");
        await page.GetByLabel("12月底").FillAsync("100");
        await page.Locator("#save-plan").ClickAsync();
        await Expect(page.GetByText("支出计划已保存。")).ToBeVisibleAsync();
        await Expect(chart.Locator("tr", new() { HasText = "6月底" })).ToContainTextAsync("60.50%");
        await Expect(chart.Locator("tr", new() { HasText = "10月底" })).ToContainTextAsync("—");
        await ConsoleFixture.ScreenshotAsync(page, "53-plan-saved");
        var plan = await disbursement.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = code });
        Assert.Equal([4000, 6050, (int?)null, 10000], plan.Checkpoints.Select(c => c.HasCumulativeBp ? c.CumulativeBp : (int?)null));
        await page.ReloadAsync();
        await Expect(page.Locator(".history")).ToContainTextAsync("修改资金支出计划");
        await ConsoleFixture.ScreenshotAsync(page, "59-history-with-plan");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_spending_card_counts_every_payment_of_a_treasury_feed_not_only_the_first_page()
    {
        var (code, _, _) = await ProjectAsync("434009", "顺平县不动产登记中心");
        // 1,201 payments of 100.00 yuan before the end of March: more than one page of ListDisbursements (1,000).
        var finance = new DisbursementClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        var batch = await finance.RecordBatchAsync(new RecordBatchRequest
        {
            Rows =
            {
                Enumerable.Range(1, 1201).Select(i => new RecordDisbursementRequest
                {
                    ProjectCode = code, VoucherId = $"GK2020-{i:00000}", Date = "2020-03-02", AmountFen = 10_000, FundSource = "fiscal", Note = "国库集中支付",
                }),
            },
        });
        Assert.True(batch.Committed, string.Join("；", batch.Errors.Select(e => $"{e.Row} {e.Field} {e.Message}")));

        var page = await fixture.SignInAsync("role=department&division=130636&unit=434009");
        await page.GotoAsync($"{fixture.BaseUrl}/projects/{code}");
        await Expect(page.Locator(".spending")).ToContainTextAsync("共 1201 条");
        // 120,100.00 of 600,000.00 yuan by the end of March: 20.02%, where the first page alone would show 16.67%.
        await Expect(page.Locator("table.plan-chart tr", new() { HasText = "3月底" })).ToContainTextAsync("20.02%");
        await Expect(page.Locator(".spending")).ToContainTextAsync("已支出 120,100.00");
        await ConsoleFixture.ScreenshotAsync(page, "54-spending-past-a-page");
        await page.Context.CloseAsync();
    }

    /// <summary>A 2020 draft of a unit of its own with two indicators and a plan, once the catalogue and disbursement know it.</summary>
    private async Task<(string Code, CatalogueClient Catalogue, DisbursementClient Disbursement)> ProjectAsync(string unit, string unitName)
    {
        var registry = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        await registry.CreateUnitAsync(new CreateUnitRequest { DivisionCode = ConsoleFixture.Division, Code = unit, DepartmentCode = "434", Name = unitName });
        var project = await registry.CreateProjectAsync(new CreateProjectRequest
        {
            DivisionCode = ConsoleFixture.Division, UnitCode = unit,
            Project = new Project
            {
                Year = 2020, Name = "办公条件改善项目", Purpose = "购置办公设备、改造会议室", Goals = { "年内完成办公设备购置" },
                Budget = new Budget { TotalFen = 60_000_000, FiscalFen = 60_000_000 },
            },
        });
        var department = fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.DepartmentToken(ConsoleFixture.Division, unit));
        var catalogue = new CatalogueClient(department);
        var disbursement = new DisbursementClient(department);
        static bool NotYetKnown(Exception e) => e is RpcException { StatusCode: StatusCode.NotFound };
        await Eventually.Succeeds(() => catalogue.PutIndicatorSetAsync(new PutIndicatorSetRequest
        {
            ProjectCode = project.Code,
            Indicators =
            {
                new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "办公设备购置数量", Target = "12台" },
                new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "会议室改造间数", Target = "2间" },
            },
        }).ResponseAsync, NotYetKnown);
        await Eventually.Succeeds(() => disbursement.PutSpendingPlanAsync(new PutSpendingPlanRequest
        {
            ProjectCode = project.Code,
            Checkpoints = { new Checkpoint { Month = 3, CumulativeBp = 1000 }, new Checkpoint { Month = 6 }, new Checkpoint { Month = 10 }, new Checkpoint { Month = 12, CumulativeBp = 10000 } },
        }).ResponseAsync, NotYetKnown);
        return (project.Code, catalogue, disbursement);
    }
}
