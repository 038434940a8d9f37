using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>Who sees what: another unit's officer sees nothing of 434001's; sessions end; the dev sign-in needs the key.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessTests(ConsoleFixture fixture)
{
    private const string Ceremonies = "13063621UKW4RET0RBYCO";

    [Fact]
    public async Task An_officer_of_another_unit_sees_none_of_the_seed()
    {
        var page = await fixture.SignInAsync("role=department&division=130636&unit=434002");
        await Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/");
        await Expect(page.Locator(".ant-table-placeholder")).ToBeVisibleAsync();
        await Expect(page.Locator("tr.ant-table-row")).ToHaveCountAsync(0);
        await Expect(page.GetByText("共 0 个项目")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "20-other-unit-home");

        await page.GotoAsync($"{fixture.BaseUrl}/projects/{Ceremonies}");
        await Expect(page.Locator(".api-error")).ToBeVisibleAsync();
        await Expect(page.GetByText("政府大型公务活动项目经费")).ToHaveCountAsync(0);
        await ConsoleFixture.ScreenshotAsync(page, "21-other-unit-project-refused");

        // The finance pages are not offered, and asked for directly they send the officer to sign in.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "汇总" })).ToHaveCountAsync(0);
        await page.GotoAsync($"{fixture.BaseUrl}/summary");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_expired_session_goes_back_to_sign_in()
    {
        var page = await fixture.SignInAsync("role=finance&lifetime=3");
        await Expect(page).ToHaveURLAsync($"{fixture.BaseUrl}/summary");
        await Expect(page.GetByTestId("summary-total")).ToContainTextAsync("万元");
        await Task.Delay(TimeSpan.FromSeconds(4));

        // Inside the open page: the gateway refuses the expired token, and the console sends the user to sign in.
        await page.GetByRole(AriaRole.Link, new() { Name = "审核" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?expired=true"));
        await Expect(page.GetByText("登录已过期，请重新登录。")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "22-expired-session");

        // A new request: the session cookie has ended with the token.
        await page.GotoAsync($"{fixture.BaseUrl}/review");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2Freview"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await fixture.SignInAsync("role=department&division=130636&unit=434001");
        await Expect(page.Locator("tr.ant-table-row").First).ToBeVisibleAsync();
        await page.GetByTestId("signout").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        await page.GotoAsync($"{fixture.BaseUrl}/");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2F$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_the_current_values()
    {
        // A project no other test changes: 县委县政府办公区网络改造项目经费.
        const string code = "130636216T39PTY2WF094";
        var page = await fixture.SignInAsync("role=department&division=130636&unit=434001");
        await page.GotoAsync($"{fixture.BaseUrl}/projects/{code}");
        await page.GetByRole(AriaRole.Button, new() { Name = "编辑项目" }).ClickAsync();
        await page.GetByLabel("项目名称").FillAsync("县委县政府办公区网络改造项目经费（浏览器中的修改）");

        // Meanwhile someone else saves the project through the API.
        var current = await Registry().GetProjectAsync(new GetProjectRequest { ProjectCode = code });
        await Registry().UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = code, Project = new Project { Version = current.Version, Purpose = current.Purpose + "（他人修改）" },
        });

        await page.Locator("#save-project").ClickAsync();
        await Expect(page.Locator(".conflict")).ToContainTextAsync("已被他人修改");
        await Expect(page.GetByLabel("资金用途")).ToHaveValueAsync(new Regex("（他人修改）$"));
        await Expect(page.GetByLabel("项目名称")).ToHaveValueAsync("县委县政府办公区网络改造项目经费");
        await Expect(page.Locator("h1 + .toolbar")).ToContainTextAsync("版本 2");
        await ConsoleFixture.ScreenshotAsync(page, "23-stale-edit-conflict");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_the_development_key_there_is_no_development_sign_in()
    {
        await using var console = await fixture.StartConsoleAsync(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.key"));
        using var http = new HttpClient { BaseAddress = new Uri(console.HttpAddress) };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/signin/dev?role=finance")).StatusCode);
        var signIn = await http.GetStringAsync("/signin");
        Assert.Contains("统一身份认证", signIn);
        Assert.DoesNotContain("/signin/dev", signIn);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);
        Assert.Contains("http_server", await http.GetStringAsync("/metrics"));
    }

    private RegistryClient Registry() =>
        new(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.DepartmentToken("130636", "434001")));
}
