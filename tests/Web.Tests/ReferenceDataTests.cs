using Microsoft.Playwright;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// The finance bureau registers a division, a department and a unit, and keeps the indicator library; a department sees
/// the same lists without the forms. A division of its own, with no projects: the other tests' figures stay as they are.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReferenceDataTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Finance_registers_a_division_department_and_unit_with_the_apis_messages_beside_the_fields()
    {
        var page = await fixture.SignInAsync("role=finance");
        await page.GotoAsync($"{fixture.BaseUrl}/reference");
        var unitForm = page.Locator(".register-unit");
        await unitForm.GetByLabel("所属行政区划代码").FillAsync("130698");
        await unitForm.GetByLabel("所属部门代码").FillAsync("501");
        await unitForm.GetByLabel("单位代码").FillAsync("12");
        await page.Locator("#create-unit").ClickAsync();
        await Expect(unitForm.Locator(".field", new() { Has = page.GetByLabel("单位代码", new() { Exact = true }) }).Locator(".field-error"))
            .ToContainTextAsync("单位代码应为 6 位数字");
        await Expect(unitForm.Locator(".field", new() { Has = page.GetByLabel("单位名称") }).Locator(".field-error")).ToContainTextAsync("单位名称");
        await ConsoleFixture.ScreenshotAsync(page, "55-reference-refused");

        var divisionForm = page.Locator(".register-division");
        await divisionForm.GetByLabel("行政区划代码").FillAsync("130698");
        await divisionForm.GetByLabel("行政区划名称").FillAsync("测试新区");
        await page.Locator("#create-division").ClickAsync();
        await Expect(page.Locator(".reference-notice")).ToContainTextAsync("已登记行政区划 测试新区（130698）");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "测试新区（130698） （尚无部门）" })).ToBeVisibleAsync();

        var departmentForm = page.Locator(".register-department");
        await departmentForm.GetByLabel("所属行政区划代码").FillAsync("130698");
        await departmentForm.GetByLabel("部门代码").FillAsync("501");
        await departmentForm.GetByLabel("部门名称").FillAsync("测试新区教育局");
        await page.Locator("#create-department").ClickAsync();
        await Expect(page.Locator(".reference-notice")).ToContainTextAsync("已登记部门 测试新区教育局（130698/501）");

        await unitForm.GetByLabel("单位代码").FillAsync("501001");
        await unitForm.GetByLabel("单位名称").FillAsync("测试新区第一中学");
        await page.Locator("#create-unit").ClickAsync();
        await Expect(page.Locator(".reference-notice")).ToContainTextAsync("已登记预算单位 测试新区第一中学（130698/501001）");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "测试新区教育局（501） 测试新区第一中学（501001）" })).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "56-reference-registered");
        await AccessibilityTests.AssertClean(page, "/reference (finance)");

        // One division's lists at a time, the one just registered in; the county's own are a choice away.
        var division = page.GetByLabel("行政区划", new() { Exact = true });
        await Expect(division).ToHaveValueAsync("130698");
        await Expect(page.GetByText("顺平县人民政府办公室（本级）（434001）")).ToHaveCountAsync(0);
        await division.SelectOptionAsync(ConsoleFixture.Division);
        await Expect(page.GetByText("顺平县人民政府办公室（本级）（434001）")).ToBeVisibleAsync();
        await Expect(page.GetByText("测试新区第一中学（501001）")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Finance_adds_and_changes_a_library_indicator_and_a_stale_change_is_answered()
    {
        var page = await fixture.SignInAsync("role=finance");
        await page.GotoAsync($"{fixture.BaseUrl}/reference");
        await page.Locator("#new-library-indicator").ClickAsync();
        var form = page.Locator(".library-form");
        await page.Locator("#save-library-indicator").ClickAsync();
        await Expect(form.Locator(".field", new() { Has = page.GetByLabel("指标名称") }).Locator(".field-error")).ToContainTextAsync("指标名称");
        await Expect(form.Locator(".field", new() { Has = page.GetByLabel("指标方向") }).Locator(".field-error")).ToContainTextAsync("指标方向");

        await form.GetByLabel("一级指标").FillAsync("产出指标");
        await form.GetByLabel("二级指标").FillAsync("数量指标");
        await form.GetByLabel("指标名称").FillAsync("校舍维修面积");
        await form.GetByLabel("建议计量单位").FillAsync("平方米");
        await form.GetByLabel("指标方向").SelectOptionAsync(new SelectOptionValue { Label = "越高越好（≥）" });
        await page.Locator("#save-library-indicator").ClickAsync();
        await Expect(page.Locator(".reference-notice")).ToContainTextAsync("已保存标准指标「校舍维修面积」");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "校舍维修面积" });
        await Expect(row).ToContainTextAsync("平方米");

        await row.GetByRole(AriaRole.Button, new() { Name = "修改标准指标：校舍维修面积" }).ClickAsync();
        await form.GetByLabel("建议计量单位").FillAsync("万平方米");
        await page.Locator("#save-library-indicator").ClickAsync();
        await Expect(row).ToContainTextAsync("万平方米");

        // Changed by someone else meanwhile: refused, said, and the form shows the current content.
        await row.GetByRole(AriaRole.Button, new() { Name = "修改标准指标：校舍维修面积" }).ClickAsync();
        var catalogue = new CatalogueClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        var stored = (await catalogue.SearchLibraryAsync(new SearchLibraryRequest { Query = "校舍维修面积" })).Indicators.Single();
        stored.Description = "含加固与翻新";
        await catalogue.UpdateLibraryIndicatorAsync(stored);
        await form.GetByLabel("建议计量单位").FillAsync("平方米");
        await page.Locator("#save-library-indicator").ClickAsync();
        await Expect(form.Locator(".conflict")).ToContainTextAsync("已被修改");
        await Expect(form.GetByLabel("说明")).ToHaveValueAsync("含加固与翻新");
        await ConsoleFixture.ScreenshotAsync(page, "57-library-conflict");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_department_browses_without_the_forms()
    {
        var page = await fixture.SignInAsync($"role=department&division={ConsoleFixture.Division}&unit={ConsoleFixture.Unit}");
        await page.GotoAsync($"{fixture.BaseUrl}/reference");
        await Expect(page.GetByText("顺平县人民政府办公室（本级）（434001）")).ToBeVisibleAsync();
        await Expect(page.Locator("tr.ant-table-row").Last).ToBeVisibleAsync();
        await Expect(page.Locator("#create-division")).ToHaveCountAsync(0);
        await Expect(page.Locator("#new-library-indicator")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "修改" })).ToHaveCountAsync(0);
        // Its own unit only.
        await Expect(page.Locator(".ant-card").First.Locator("tr.ant-table-row")).ToHaveCountAsync(1);

        // The library as the catalogue pages it: the count is the catalogue's, the next page its next 20.
        var total = (await new CatalogueClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()))
            .SearchLibraryAsync(new SearchLibraryRequest())).Page.TotalSize;
        Assert.True(total > 20, $"the library holds {total} indicators, one page only");
        var library = page.Locator(".ant-card", new() { HasText = "指标库" });
        await Expect(library.Locator(".pager")).ToContainTextAsync($"第 1 / {(total + 19) / 20} 页，共 {total} 条");
        var firstName = await library.Locator("tr.ant-table-row").First.Locator("td").Nth(2).InnerTextAsync();
        await library.GetByRole(AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Expect(library.Locator(".pager")).ToContainTextAsync($"第 2 / {(total + 19) / 20} 页");
        await Expect(library.Locator("tr.ant-table-row").First).Not.ToContainTextAsync(firstName);
        await page.Context.CloseAsync();
    }
}
