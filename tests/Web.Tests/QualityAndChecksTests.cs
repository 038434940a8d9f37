using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PerfPlatform.Web.Tests;

/// <summary>The check catalogue (GET /v1/checks) and the data-quality scorecard (GET /v1/reports/quality) in the console.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class QualityAndChecksTests(ConsoleFixture fixture)
{
    [GeneratedRegex(@"共 (\d+) 条规则，显示 (\d+) 条")]
    private static partial Regex Counts();

    private static async Task<(int Total, int Shown)> CountsAsync(IPage page)
    {
        var match = Counts().Match(await page.GetByTestId("checks-count").InnerTextAsync());
        Assert.True(match.Success, await page.GetByTestId("checks-count").InnerTextAsync());
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }

    [Fact]
    public async Task The_check_catalogue_lists_every_rule_and_filters_by_words_severity_and_category()
    {
        var page = await fixture.SignInAsync("role=finance");
        await Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/summary");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "检查规则" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("检查规则");
        await Expect(page.GetByTestId("check-id").First).ToBeVisibleAsync();
        var (total, shown) = await CountsAsync(page);
        Assert.True(total >= 30 && shown == total, $"{total} rules, {shown} shown");
        await ConsoleFixture.ScreenshotAsync(page, "40-checks");
        await AccessibilityTests.AssertClean(page, "/checks");

        await page.GetByLabel("搜索：").FillAsync("VAL-05");
        await Expect(page.GetByTestId("checks-count")).ToContainTextAsync("显示 1 条");
        await Expect(page.GetByTestId("check-id")).ToHaveTextAsync(["VAL-05"]);
        await page.GetByLabel("搜索：").FillAsync("");
        await Expect(page.GetByTestId("checks-count")).ToContainTextAsync($"显示 {total} 条");

        await page.GetByRole(AriaRole.Group, new() { Name = "级别" }).GetByText("错误", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("checks-count")).Not.ToContainTextAsync($"显示 {total} 条");
        var errors = (await CountsAsync(page)).Shown;
        Assert.InRange(errors, 1, total - 1);
        foreach (var tag in await page.Locator("tr.ant-table-row .ant-tag").AllInnerTextsAsync()) Assert.Equal("错误", tag);

        await page.GetByRole(AriaRole.Group, new() { Name = "级别" }).GetByText("全部", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("checks-count")).ToContainTextAsync($"显示 {total} 条");
        var category = page.GetByRole(AriaRole.Group, new() { Name = "类别" }).Locator("label.ant-radio-button-wrapper").Nth(1);
        var name = (await category.InnerTextAsync()).Trim();
        await category.ClickAsync();
        await Expect(page.GetByTestId("checks-count")).Not.ToContainTextAsync($"显示 {total} 条");
        foreach (var cell in await page.Locator("tr.ant-table-row td:nth-child(3)").AllInnerTextsAsync()) Assert.Equal(name, cell.Trim());
        await ConsoleFixture.ScreenshotAsync(page, "41-checks-by-category");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_scorecard_shows_the_latest_year_by_department_unit_and_rule_with_the_trend()
    {
        var page = await fixture.SignInAsync("role=finance");
        await Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/summary");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "数据质量" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("数据质量");
        await Expect(page.GetByTestId("quality-total")).ToContainTextAsync("2021年：填报 6 个项目");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "预算年度" }).Locator(".ant-radio-button-wrapper-checked")).ToHaveTextAsync("2021年");
        await Expect(page.Locator("tr.ant-table-row").First).ToContainTextAsync("130636/434");
        await Expect(page.GetByTestId("quality-top-rules").Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("quality-trend").Locator("tbody tr")).ToContainTextAsync(["2021年"]);
        await ConsoleFixture.ScreenshotAsync(page, "42-quality-by-department");
        await AccessibilityTests.AssertClean(page, "/quality");

        await page.GetByRole(AriaRole.Group, new() { Name = "分组方式" }).GetByText("单位", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("h2").First).ToHaveTextAsync("各单位的填报质量");
        await Expect(page.Locator("tr.ant-table-row").First).ToContainTextAsync("434001");

        await page.GetByRole(AriaRole.Group, new() { Name = "分组方式" }).GetByText("规则", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("h2").First).ToHaveTextAsync("各规则的问题");
        // The most often broken rule heads both lists.
        var top = (await page.GetByTestId("quality-top-rules").Locator("tbody tr td").First.InnerTextAsync()).Trim();
        await Expect(page.Locator("tr.ant-table-row").First).ToContainTextAsync(top);
        await ConsoleFixture.ScreenshotAsync(page, "43-quality-by-rule");

        // A rule of the scorecard opens the catalogue at that rule.
        await page.GetByTestId("quality-top-rules").GetByRole(AriaRole.Link, new() { Name = top }).ClickAsync();
        await Expect(page.GetByTestId("check-id")).ToHaveTextAsync([top]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_officer_sees_the_scorecard_of_the_own_unit_only()
    {
        var own = await fixture.SignInAsync("role=department&division=130636&unit=434001");
        await own.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "数据质量" }).ClickAsync();
        await Expect(own.GetByTestId("quality-total")).ToContainTextAsync("填报 6 个项目");
        await Expect(own.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "检查规则" })).ToBeVisibleAsync();
        await own.Context.CloseAsync();

        var other = await fixture.SignInAsync("role=department&division=130636&unit=434002");
        await other.GotoAsync($"{fixture.BaseUrl}/quality");
        await Expect(other.GetByTestId("quality-total")).ToContainTextAsync("填报 0 个项目");
        await Expect(other.GetByText("顺平县人民政府办公室")).ToHaveCountAsync(0);
        await other.Context.CloseAsync();
    }
}
