using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>Creating a project: the API's field messages stand beside the fields; a valid project opens its page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CreateProjectTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_new_project_is_refused_field_by_field_then_created()
    {
        // A unit of its own, and a year before the seed's: the other tests' 2021 figures stay as they are.
        var registry = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        await registry.CreateUnitAsync(new CreateUnitRequest { DivisionCode = "130636", Code = "434003", DepartmentCode = "434", Name = "顺平县档案馆" });
        var page = await fixture.SignInAsync("role=department&division=130636&unit=434003");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建项目" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("新建项目");
        await page.GetByLabel("预算年度").FillAsync("2020");
        await page.Locator("#create-project").ClickAsync();
        await Expect(page.Locator(".field", new() { Has = page.GetByLabel("项目名称") }).Locator(".field-error")).ToContainTextAsync("项目名称");
        await ConsoleFixture.ScreenshotAsync(page, "40-new-project-refused");

        await page.GetByLabel("项目名称").FillAsync("档案数字化项目经费");
        await page.GetByLabel("资金用途").FillAsync("馆藏档案数字化加工");
        await page.GetByLabel("绩效目标（每行一条）").FillAsync("完成馆藏档案数字化");
        await page.GetByLabel("财政资金（元）").FillAsync("50,000.00");
        await page.Locator("#create-project").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/projects/13063620[0-9A-Z]{13}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("档案数字化项目经费");
        await Expect(page.GetByText("50,000.00 元（5.00 万元）")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "41-new-project-created");
        await page.Context.CloseAsync();
    }
}
