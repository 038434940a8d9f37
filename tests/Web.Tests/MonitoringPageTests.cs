using System.Text.RegularExpressions;
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
using MonitoringClient = PerfPlatform.Protos.Indicators.V1.Monitoring.MonitoringClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// Mid-year monitoring (运行监控) in the console: the finance bureau opens a round, the department fills its form, the
/// finance bureau returns and accepts it, the department reports the rectification done. Each test monitors a project of
/// its own in 2013, a year the console's year lists never reach, so that the seed's 2021 pages stay as the other tests
/// expect them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MonitoringPageTests(ConsoleFixture fixture)
{
    private const int Year = 2013;
    private const string Official = "role=department&division=130636&unit=434001";

    [Fact]
    public async Task A_form_goes_from_the_new_round_through_return_and_acceptance_to_rectified()
    {
        var code = await ApprovedProjectAsync("运行监控页面测试项目");

        var finance = await fixture.SignInAsync("role=finance");
        await finance.GotoAsync($"{fixture.BaseUrl}/monitoring?year={Year}");
        await Expect(finance.Locator("h1")).ToHaveTextAsync("运行监控");
        await Expect(finance.GetByLabel("监控截至日期")).ToHaveValueAsync($"{Year}-07-31");
        await finance.GetByLabel("填报截止日期").FillAsync($"{Year}-07-01");
        await finance.Locator("#open-round").ClickAsync();
        // The API refuses a deadline before the as-of date, and says so beside the field.
        await Expect(finance.Locator(".field", new() { Has = finance.GetByLabel("填报截止日期") }).Locator(".field-error")).ToContainTextAsync("不能早于");
        await finance.GetByLabel("填报截止日期").FillAsync($"{Year}-08-15");
        await finance.Locator("#open-round").ClickAsync();
        await Expect(finance).ToHaveURLAsync(new Regex($"/monitoring\\?year={Year}&round=[0-9a-f-]{{36}}$"));
        var roundId = new Uri(finance.Url).Query.Split("round=")[1];
        await FormsKnowAsync(roundId, code);
        await finance.ReloadAsync();
        var row = finance.Locator("tr.ant-table-row", new() { HasText = code });
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = "运行监控页面测试项目" })).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("未填报");
        await Expect(row).ToContainTextAsync("50,000.00");
        // Nothing is paid and the plan wanted 60% by 6月底: behind beyond the red threshold (EXE-03).
        // Not filed yet, so predicted from its spending and not counted among the filed forms needing rectification.
        await Expect(row).ToContainTextAsync("预计需整改");
        await Expect(row).ToContainTextAsync("EXE-03");
        await Expect(finance.GetByTestId("round-total")).ToContainTextAsync("已填报中需整改");
        await ConsoleFixture.ScreenshotAsync(finance, "50-finance-monitoring-round");
        await AccessibilityTests.AssertClean(finance, "/monitoring (finance)");

        var department = await fixture.SignInAsync(Official);
        // From the approved project's page to the year's monitoring, whose latest round (7月31日) is shown first.
        await department.GotoAsync($"{fixture.BaseUrl}/projects/{code}");
        await department.GetByTestId("monitoring-link").ClickAsync();
        await Expect(department).ToHaveURLAsync($"{fixture.BaseUrl}/monitoring?year={Year}");
        await department.Locator("tr.ant-table-row", new() { HasText = code }).GetByRole(AriaRole.Link, new() { Name = "填报" }).ClickAsync();
        await Expect(department).ToHaveURLAsync($"{fixture.BaseUrl}/monitoring/{roundId}/{code}");
        await Expect(department.Locator("h1")).ToContainTextAsync("运行监控页面测试项目");
        await Expect(department.Locator("span.target").First).ToHaveTextAsync("≥2台");
        await department.GetByLabel("购置设备数量 已完成值").FillAsync("1台");
        await department.GetByLabel("购置设备数量 全年预计完成值").FillAsync("2台");
        await department.GetByLabel("购置设备数量 完成目标可能性").SelectOptionAsync("有可能");
        await ConsoleFixture.ScreenshotAsync(department, "51-department-form");
        await AccessibilityTests.AssertClean(department, "/monitoring/{round}/{code} (department)");
        await department.Locator("#submit-form").ClickAsync();
        // 有可能 without a cause and a measure is saved but not filed; the API names the fields, shown beside them.
        var equipment = department.Locator("tr.indicator-row", new() { HasText = "购置设备数量" });
        await Expect(equipment.Locator(".field-error")).ToHaveCountAsync(2);
        await Expect(equipment.Locator(".field-error").First).ToContainTextAsync("请选择偏差原因");
        await Expect(department.Locator(".field-error", new() { HasText = "使用人员满意度" })).ToContainTextAsync("请选择完成目标可能性");
        // Saved all the same: the page stands on the saved version.
        await Expect(department.Locator("h1 .ant-tag")).ToHaveTextAsync("填报中");
        await Expect(department.Locator(".form-line")).ToContainTextAsync("版本 1");
        await ConsoleFixture.ScreenshotAsync(department, "52-department-form-refused");

        await department.GetByLabel("购置设备数量 偏差原因").SelectOptionAsync("经费保障");
        await department.GetByLabel("购置设备数量 整改措施").FillAsync("9月完成第二台采购");
        await department.GetByLabel("办公效率 完成目标可能性").SelectOptionAsync("确定能");
        await department.GetByLabel("使用人员满意度 完成目标可能性").SelectOptionAsync("确定能");
        await department.GetByLabel("预计全年支出（元）").FillAsync("40,000.00");
        await department.Locator("#submit-form").ClickAsync();
        await Expect(department.GetByText("已报送财政部门。")).ToBeVisibleAsync();
        await Expect(department.Locator("h1 .ant-tag")).ToHaveTextAsync("已报送");
        // Expected spending 10,000.00 yuan below the budget: a 调减 candidate (EXE-05).
        await Expect(department.Locator(".rectification")).ToContainTextAsync("EXE-05");
        await Expect(department.GetByText("10,000.00 元", new() { Exact = true })).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(department, "53-department-form-submitted");

        await finance.GotoAsync($"{fixture.BaseUrl}/monitoring/{roundId}/{code}");
        await finance.Locator("#return-form").ClickAsync();
        await Expect(finance.Locator(".field-error")).ToContainTextAsync("退回意见");
        await finance.GetByLabel("审核意见（退回时必填）").FillAsync("请说明第二台设备的采购安排。");
        await finance.Locator("#return-form").ClickAsync();
        await Expect(finance.GetByText("已退回，预算部门将看到退回意见。")).ToBeVisibleAsync();

        await department.ReloadAsync();
        await Expect(department.Locator(".return-comment")).ToContainTextAsync("请说明第二台设备的采购安排。");
        await Expect(department.GetByLabel("购置设备数量 整改措施")).ToHaveValueAsync("9月完成第二台采购");
        await department.GetByLabel("购置设备数量 整改措施").FillAsync("9月通过政府采购完成第二台");
        await department.Locator("#submit-form").ClickAsync();
        await Expect(department.GetByText("已报送财政部门。")).ToBeVisibleAsync();

        await finance.ReloadAsync();
        await finance.GetByLabel("审核意见（退回时必填）").FillAsync("同意调减 10,000.00 元");
        await ConsoleFixture.ScreenshotAsync(finance, "54-finance-form-review");
        await AccessibilityTests.AssertClean(finance, "/monitoring/{round}/{code} (finance)");
        await finance.Locator("#accept-form").ClickAsync();
        await Expect(finance.GetByText("已审核通过。")).ToBeVisibleAsync();
        await Expect(finance.Locator("h1 .ant-tag")).ToHaveTextAsync("已审核");

        await department.ReloadAsync();
        await department.Locator("#mark-rectified").ClickAsync();
        await Expect(department.Locator(".field-error")).ToContainTextAsync("整改情况");
        await department.GetByLabel("整改情况（做了什么）").FillAsync("已申请调减预算 10,000.00 元");
        await department.Locator("#mark-rectified").ClickAsync();
        await Expect(department.GetByText("已报告整改完成。")).ToBeVisibleAsync();
        await Expect(department.Locator(".rectification")).ToContainTextAsync("整改情况：已申请调减预算 10,000.00 元");
        await ConsoleFixture.ScreenshotAsync(department, "55-department-rectified");

        // The round's list: the form accepted and rectified; Reporting's totals follow from the forms' events.
        await finance.GotoAsync($"{fixture.BaseUrl}/monitoring?year={Year}&round={roundId}");
        row = finance.Locator("tr.ant-table-row", new() { HasText = code });
        await Expect(row).ToContainTextAsync("已审核");
        await Expect(row).ToContainTextAsync("已整改");
        await Expect(finance.GetByTestId("round-total")).ToContainTextAsync("10,000.00", new() { Timeout = 30_000 });
        // The 调减 column (the eighth), not only the EXE-05 reason beside it, which names the same amount.
        await Expect(row.Locator("td").Nth(7)).ToHaveTextAsync("10,000.00");
        await ConsoleFixture.ScreenshotAsync(finance, "56-finance-round-report");
        await department.Context.CloseAsync();
        await finance.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stale_save_is_refused_and_the_form_shows_the_current_values()
    {
        var code = await ApprovedProjectAsync("运行监控并发测试项目");
        var round = await Monitoring(fixture.Stack.FinanceToken()).OpenRoundAsync(new OpenMonitoringRoundRequest
        {
            Year = Year, DivisionCode = ConsoleFixture.Division, AsOf = $"{Year}-06-30", Deadline = $"{Year}-07-15",
        });
        await FormsKnowAsync(round.Id, code);

        // A form saved once: version 0 would skip the API's check (it stands for "never saved").
        var colleague = Monitoring(fixture.Stack.DepartmentToken(ConsoleFixture.Division, ConsoleFixture.Unit));
        SaveMonitoringFormRequest Filing(long version, string reached) => new()
        {
            ProjectCode = code, RoundId = round.Id, Version = version,
            Indicators = { new MonitoringIndicatorInput { Index = 0, Reached = reached, Expected = "2台", Likelihood = "确定能" } },
        };
        await colleague.SaveFormAsync(Filing(0, "0台"));

        var page = await fixture.SignInAsync(Official);
        await page.GotoAsync($"{fixture.BaseUrl}/monitoring/{round.Id}/{code}");
        await Expect(page.GetByLabel("购置设备数量 已完成值")).ToHaveValueAsync("0台");
        await page.GetByLabel("购置设备数量 已完成值").FillAsync("1台");

        // Meanwhile a colleague saves the form again through the API.
        await colleague.SaveFormAsync(Filing(1, "2台"));

        await page.Locator("#save-form").ClickAsync();
        await Expect(page.Locator(".conflict")).ToContainTextAsync("已被他人修改");
        await Expect(page.GetByLabel("购置设备数量 已完成值")).ToHaveValueAsync("2台");
        await Expect(page.GetByLabel("购置设备数量 完成目标可能性")).ToHaveValueAsync("确定能");
        await Expect(page.Locator(".form-line")).ToContainTextAsync("版本 2");
        await ConsoleFixture.ScreenshotAsync(page, "57-monitoring-stale-save");

        // Saved again on the current version, the change goes in.
        await page.GetByLabel("购置设备数量 已完成值").FillAsync("1台");
        await page.Locator("#save-form").ClickAsync();
        await Expect(page.GetByText("已保存。")).ToBeVisibleAsync();
        await Expect(page.Locator(".form-line")).ToContainTextAsync("版本 3");
        await page.Context.CloseAsync();
    }

    /// <summary>A project of 2013 with three indicators and a plan of 60% by 6月底, submitted and approved.</summary>
    private async Task<string> ApprovedProjectAsync(string name)
    {
        var stack = fixture.Stack;
        var finance = new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.FinanceToken()));
        var department = new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.DepartmentToken(ConsoleFixture.Division, ConsoleFixture.Unit)));
        var project = await department.CreateProjectAsync(new CreateProjectRequest
        {
            DivisionCode = ConsoleFixture.Division, UnitCode = ConsoleFixture.Unit,
            Project = new Project
            {
                Year = Year, Name = name, Purpose = "购置办公设备", Goals = { "1.年内完成两台设备采购" },
                Budget = new Budget { TotalFen = 5_000_000, FiscalFen = 5_000_000 },
            },
        });
        var departmentToken = stack.DepartmentToken(ConsoleFixture.Division, ConsoleFixture.Unit);
        // The catalogue and DisbursementTracking learn of the new project from the registry's events.
        await Eventually.Succeeds(async () => await new CatalogueClient(stack.Channel(PlatformStack.Gateway, departmentToken)).PutIndicatorSetAsync(new PutIndicatorSetRequest
        {
            ProjectCode = project.Code,
            Indicators =
            {
                new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "购置设备数量", Target = "≥2台", Basis = "采购计划" },
                new Indicator { Level1 = "效益指标", Level2 = "社会效益指标", Name = "办公效率", Target = "有效提升", Basis = "工作需要" },
                new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "使用人员满意度", Target = "≥90%", Basis = "历年水平" },
            },
        }), NotYet);
        await Eventually.Succeeds(async () => await new DisbursementClient(stack.Channel(PlatformStack.Gateway, departmentToken)).PutSpendingPlanAsync(new PutSpendingPlanRequest
        {
            ProjectCode = project.Code,
            Checkpoints =
            {
                new Checkpoint { Month = 3, CumulativeBp = 3000 }, new Checkpoint { Month = 6, CumulativeBp = 6000 },
                new Checkpoint { Month = 10, CumulativeBp = 8000 }, new Checkpoint { Month = 12, CumulativeBp = 10000 },
            },
        }), NotYet);
        // The registry learns of the indicators from the catalogue's events before it lets the project be submitted.
        await Eventually.Succeeds(async () => await department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code }), NotYet);
        await finance.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = project.Code, Comment = "同意" });
        return project.Code;
    }

    /// <summary>The catalogue learns of the approval from the registry's events: waits until the round lists the project.</summary>
    private Task FormsKnowAsync(string roundId, string code) => Eventually.Until(
        async () => (await Monitoring(fixture.Stack.FinanceToken()).ListRoundFormsAsync(new ListMonitoringFormsRequest { RoundId = roundId, UnitCode = ConsoleFixture.Unit }))
            .Forms.Any(f => f.ProjectCode == code),
        $"the round to list {code}");

    private static bool NotYet(Exception e) => e is Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.FailedPrecondition };

    private MonitoringClient Monitoring(string token) => new(fixture.Stack.Channel(PlatformStack.Gateway, token));
}
