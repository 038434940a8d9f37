using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// The year's work in one browser journey on the seed: the department sees the linter's three errors beside their
/// indicators, fixes one in the editor and submits; the finance bureau returns it with a comment; the department reads
/// the comment and resubmits; the finance bureau approves and finds the project in the summary.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReviewJourneyTests(ConsoleFixture fixture)
{
    private const string Official = "role=department&division=130636&unit=434001";
    private const string Finance = "role=finance";
    // 政府大型公务活动项目经费: its 资金支付及时率 is filed as 1000百分比.
    private const string Ceremonies = "13063621UKW4RET0RBYCO";
    // 2021年防贫保险救助资金: 资金成本 50人 and 95人百分比.
    private const string Insurance = "13063621YMT9XEFO3YSMF";

    [Fact]
    public async Task Department_and_finance_take_a_project_from_findings_to_approval()
    {
        var department = await fixture.SignInAsync(Official);
        await Expect(department).ToHaveURLAsync($"{fixture.BaseUrl}/");
        var rows = department.Locator("tr.ant-table-row");
        await Expect(rows).ToHaveCountAsync(6);
        await Expect(department.GetByText("2,900,450.00")).ToBeVisibleAsync();
        await Expect(department.GetByText("290.05 万元")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(department, "01-department-home");

        await department.GotoAsync($"{fixture.BaseUrl}/projects/{Insurance}");
        await Expect(ErrorBeside(department, "50人")).ToBeVisibleAsync();
        await Expect(ErrorBeside(department, "95人百分比")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(department, "02-project-insurance-findings");

        await department.GotoAsync($"{fixture.BaseUrl}/projects/{Ceremonies}");
        await Expect(ErrorBeside(department, "1000百分比")).ToBeVisibleAsync();
        await department.Locator("#edit-indicators").ClickAsync();
        var target = department.GetByLabel("资金支付及时率 指标值");
        await target.FillAsync("100百分比");
        // Re-linted as typed: the error leaves its row before anything is saved.
        await ConsoleFixture.OrScreenshotAsync(department, "failed-relint", () => Expect(department.Locator("tr", new() { Has = department.GetByLabel("资金支付及时率 指标值") }).GetByTestId("finding").Filter(new() { HasText = "错误" }))
            .ToHaveCountAsync(0));
        await department.Locator("#save-indicators").ClickAsync();
        await Expect(department.GetByText("指标已保存。")).ToBeVisibleAsync();
        await Expect(ErrorBeside(department, "100百分比")).ToHaveCountAsync(0);
        await Expect(department.Locator("span.target", new() { HasText = "100百分比" })).ToBeVisibleAsync();
        await department.Locator("#submit").ClickAsync();
        // Asked once more before the project is locked for review; nothing is sent until confirmed.
        await Expect(department.GetByText("审核期间不能修改")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(department, "03-project-submit-confirm");
        await Expect(department.Locator("h1 .ant-tag")).ToHaveTextAsync("草稿");
        await department.Locator("#confirm-submit").ClickAsync();
        await Expect(department.GetByText("已提交财政部门审核。")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(department, "03-project-submitted");

        var finance = await fixture.SignInAsync(Finance);
        await Expect(finance).ToHaveURLAsync($"{fixture.BaseUrl}/summary");
        await finance.GotoAsync($"{fixture.BaseUrl}/review");
        await Expect(finance.Locator("tr.ant-table-row")).ToHaveCountAsync(1);
        await ConsoleFixture.ScreenshotAsync(finance, "04-finance-review-list");
        await finance.GetByRole(AriaRole.Link, new() { Name = "政府大型公务活动项目经费" }).ClickAsync();
        await Expect(finance).ToHaveURLAsync($"{fixture.BaseUrl}/review/{Ceremonies}");
        await finance.Locator("#return").ClickAsync();
        // A return without a comment is refused by the API, and its message stands beside the comment field.
        await Expect(finance.Locator(".field-error")).ToContainTextAsync("退回意见");
        await finance.GetByLabel("审核意见（退回时必填）").FillAsync("请补充验收标准的依据文件。");
        await finance.Locator("#return").ClickAsync();
        await Expect(finance.GetByText("已退回，预算部门将看到审核意见。")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(finance, "05-finance-returned");

        await department.ReloadAsync();
        await Expect(department.Locator(".review-comment")).ToContainTextAsync("请补充验收标准的依据文件。");
        await Expect(department.Locator(".history")).ToContainTextAsync("退回");
        await department.GetByRole(AriaRole.Button, new() { Name = "编辑项目" }).ClickAsync();
        var purpose = department.GetByLabel("资金用途");
        await purpose.FillAsync(await purpose.InputValueAsync() + "验收依据：县政府办公室验收办法。");
        await department.Locator("#save-project").ClickAsync();
        await Expect(department.GetByText("已保存。")).ToBeVisibleAsync();
        await Expect(department.GetByText("验收依据：县政府办公室验收办法。")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(department, "06-department-sees-comment");
        await department.Locator("#submit").ClickAsync();
        await department.Locator("#confirm-submit").ClickAsync();
        await Expect(department.GetByText("已提交财政部门审核。")).ToBeVisibleAsync();

        await finance.GotoAsync($"{fixture.BaseUrl}/review/{Ceremonies}");
        await finance.Locator("#approve").ClickAsync();
        await Expect(finance.GetByText("已批复。")).ToBeVisibleAsync();
        await Expect(finance.Locator(".history")).ToContainTextAsync("请补充验收标准的依据文件。");

        await finance.GotoAsync($"{fixture.BaseUrl}/summary");
        await Expect(finance.GetByTestId("summary-total")).ToContainTextAsync("290.05万元");
        await Expect(finance.GetByTestId("summary-total")).ToContainTextAsync("2,900,450.00");
        await ConsoleFixture.ScreenshotAsync(finance, "07-finance-summary");
        // Division → department → unit → projects, each link found by its name: it exists only once its level is shown.
        var trail = finance.Locator(".ant-breadcrumb a");
        foreach (var (link, steps) in new[] { ("顺平县（130636）", 2), ("顺平县人民政府办公室（130636/434）", 3), ("顺平县人民政府办公室（本级）（130636/434001）", 4) })
        {
            await finance.Locator("tr.ant-table-row").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(trail).ToHaveCountAsync(steps);
        }
        await Expect(finance.GetByRole(AriaRole.Columnheader, new() { Name = "项目编码", Exact = true })).ToBeVisibleAsync();
        await ConsoleFixture.OrScreenshotAsync(finance, "failed-drill", () => Expect(finance.Locator("tr.ant-table-row")).ToHaveCountAsync(6));
        await Expect(finance.GetByTestId("summary-total")).ToContainTextAsync("290.05万元");
        await ConsoleFixture.ScreenshotAsync(finance, "08-finance-summary-projects");
        // Two of the seed's projects share this name: the link is found by its code.
        await finance.Locator($"a[href='/projects/{Ceremonies}']").ClickAsync();
        await Expect(finance).ToHaveURLAsync(new Regex($"/projects/{Ceremonies}$"));
        await Expect(finance.Locator("h1")).ToContainTextAsync("已批复");
        await ConsoleFixture.ScreenshotAsync(finance, "09-finance-project-approved");
        await department.Context.CloseAsync();
        await finance.Context.CloseAsync();
    }

    /// <summary>The finding tagged 错误 in the indicator row whose target is as filed.</summary>
    private static ILocator ErrorBeside(IPage page, string target) =>
        page.Locator("tr.ant-table-row", new() { Has = page.Locator("span.target", new() { HasTextRegex = new Regex($"^{Regex.Escape(target)}$") }) })
            .GetByTestId("finding").Filter(new() { HasText = "错误" });
}
