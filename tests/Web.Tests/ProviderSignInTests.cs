using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// Production sign-in: a console without the development key signs in through the provider's own login page
/// (authorization code with PKCE) and reaches the gateway with the provider's access token only.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProviderSignInTests(ConsoleFixture fixture)
{
    private const string Ceremonies = "13063621UKW4RET0RBYCO";

    [Fact]
    public async Task An_officer_signs_in_at_the_provider_and_sees_the_units_projects()
    {
        var console = await fixture.ProviderConsoleAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{console.HttpAddress}/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2F$"));
        await Expect(page.GetByText("以财政部门身份登录")).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(page, "60-provider-signin");

        await SignInAtProviderAsync(page, ConsoleFixture.ProviderOfficer, "61-provider-login-page");
        await Expect(page).ToHaveURLAsync($"{console.HttpAddress}/");
        await Expect(page.Locator(".console-user")).ToContainTextAsync("预算部门 · 张伟");
        await Expect(page.Locator($"a[href='/projects/{Ceremonies}']")).ToHaveTextAsync("政府大型公务活动项目经费");
        await ConsoleFixture.ScreenshotAsync(page, "62-provider-home");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_unit_claim_limits_what_an_officer_of_another_unit_sees()
    {
        var console = await fixture.ProviderConsoleAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{console.HttpAddress}/");
        await SignInAtProviderAsync(page, ConsoleFixture.ProviderOtherUnitOfficer);
        await Expect(page.Locator(".console-user")).ToContainTextAsync("李娜");
        await Expect(page.GetByText("共 0 个项目")).ToBeVisibleAsync();
        await Expect(page.Locator("tr.ant-table-row")).ToHaveCountAsync(0);

        await page.GotoAsync($"{console.HttpAddress}/projects/{Ceremonies}");
        await Expect(page.Locator(".api-error")).ToBeVisibleAsync();
        await Expect(page.GetByText("政府大型公务活动项目经费")).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(page, "63-provider-other-unit");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_session_ends_with_the_providers_short_lived_token_and_signing_in_again_restores_it()
    {
        var console = await fixture.ProviderConsoleAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{console.HttpAddress}/");
        await SignInAtProviderAsync(page, ConsoleFixture.ProviderShortLivedOfficer);
        var project = page.Locator($"a[href='/projects/{Ceremonies}']");
        await Expect(project).ToBeVisibleAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));

        await project.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?expired=true"));
        await Expect(page.GetByText("登录已过期，请重新登录。")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "64-provider-expired");

        // The provider still knows the officer: signing in again needs no login page, and lands where the user was going.
        await page.GetByTestId("provider-signin").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{console.HttpAddress}/projects/{Ceremonies}");
        await Expect(page.Locator("h1")).ToContainTextAsync("政府大型公务活动项目经费");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_console_session_and_the_providers()
    {
        var console = await fixture.ProviderConsoleAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{console.HttpAddress}/");
        await SignInAtProviderAsync(page, ConsoleFixture.ProviderOfficer);
        await Expect(page.Locator("tr.ant-table-row").First).ToBeVisibleAsync();

        await page.GetByTestId("signout").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{console.HttpAddress}/signin");
        await page.GotoAsync($"{console.HttpAddress}/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2F$"));
        // Signed out at the provider too: it asks who is signing in instead of answering with the old session.
        await page.GetByTestId("provider-signin").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(fixture.Provider.Authority)}account/login"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_callback_that_is_not_the_providers_answer_goes_back_to_sign_in_with_a_message()
    {
        var console = await fixture.ProviderConsoleAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{console.HttpAddress}/signin-oidc?code=forged&state=forged");
        await Expect(page).ToHaveURLAsync($"{console.HttpAddress}/signin?failed=true");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("统一身份认证登录未完成，请重新登录。");
        await Expect(page.GetByTestId("provider-signin")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private static async Task SignInAtProviderAsync(IPage page, TestUser user, string? screenshot = null)
    {
        await page.GetByTestId("provider-signin").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "统一身份认证平台（测试）" })).ToBeVisibleAsync();
        await page.GetByLabel("用户名").FillAsync(user.Name);
        if (screenshot is not null) await ConsoleFixture.ScreenshotAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
    }
}
