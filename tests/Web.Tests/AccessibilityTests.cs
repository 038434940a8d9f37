using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PerfPlatform.Web.Tests;

/// <summary>axe-core finds no serious or critical violation on the console's main pages, once their data has loaded.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_department_pages_have_no_serious_violations()
    {
        var page = await fixture.SignInAsync("role=department&division=130636&unit=434001");
        await Expect(page.Locator("tr.ant-table-row").First).ToBeVisibleAsync();
        await AssertClean(page, "/");
        await page.GotoAsync($"{fixture.BaseUrl}/projects/13063621YMT9XEFO3YSMF");
        await Expect(page.GetByTestId("finding").First).ToBeVisibleAsync();
        await AssertClean(page, "/projects");
        await page.GotoAsync($"{fixture.BaseUrl}/warnings");
        await Expect(page.Locator("h1")).ToHaveTextAsync("支出进度预警");
        await Expect(page.GetByText("条未解除的预警")).ToBeVisibleAsync();
        await Expect(page.Locator("tr.ant-table-row").First).ToContainTextAsync("红色预警");
        // Each warning names its project, the code beneath the name.
        await Expect(page.Locator("tr.ant-table-row").First.Locator(".project-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^13063621[0-9A-Z]{13}$"));
        await ConsoleFixture.ScreenshotAsync(page, "31-department-warnings");
        await AssertClean(page, "/warnings");
        await page.GotoAsync($"{fixture.BaseUrl}/reference");
        await Expect(page.GetByText("顺平县人民政府办公室（本级）（434001）")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "30-reference-data");
        await AssertClean(page, "/reference");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_finance_pages_have_no_serious_violations()
    {
        var page = await fixture.SignInAsync("role=finance");
        await Expect(page.GetByTestId("summary-total")).ToContainTextAsync("万元");
        await Expect(page.Locator("tr.ant-table-row").First).ToBeVisibleAsync();
        await AssertClean(page, "/summary");
        await page.GotoAsync($"{fixture.BaseUrl}/review");
        await Expect(page.Locator("h1")).ToHaveTextAsync("待审核项目");
        await AssertClean(page, "/review");
        await page.GotoAsync($"{fixture.BaseUrl}/signin");
        await AssertClean(page, "/signin");
        await page.GotoAsync($"{fixture.BaseUrl}/signin/dev");
        await AssertClean(page, "/signin/dev");
        await page.Context.CloseAsync();
    }

    internal static async Task AssertClean(IPage page, string name)
    {
        // Judge the settled page: a button caught half-way through AntDesign's colour transition (disabled → primary)
        // fails the contrast rule although neither end does.
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
