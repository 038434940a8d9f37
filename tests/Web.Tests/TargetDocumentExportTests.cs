using System.Net;
using Microsoft.Playwright;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>The project page downloads its unit's target document as the gateway renders it, only for those the API allows.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TargetDocumentExportTests(ConsoleFixture fixture)
{
    private const string Project = "13063621YMT9XEFO3YSMF";

    [Fact]
    public async Task A_department_downloads_its_units_target_document_as_html_and_xlsx()
    {
        var registry = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        var name = (await registry.GetProjectAsync(new GetProjectRequest { ProjectCode = Project })).Name;
        var page = await fixture.SignInAsync($"role=department&division={ConsoleFixture.Division}&unit={ConsoleFixture.Unit}");
        await page.GotoAsync($"{fixture.BaseUrl}/projects/{Project}");
        await Expect(page.GetByTestId("export-html")).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(page, "54-project-export-links");

        var html = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-html").ClickAsync());
        Assert.EndsWith(".html", html.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await html.PathAsync());
        Assert.Contains(name, text);

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());
        Assert.Equal($"2021年绩效目标表-{ConsoleFixture.Division}-{ConsoleFixture.Unit}.xlsx", xlsx.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await xlsx.PathAsync());
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);

        // The department's home offers the same documents for the year it shows.
        await page.GotoAsync(fixture.BaseUrl);
        await Expect(page.GetByTestId("export-html")).ToHaveAttributeAsync("href",
            $"/export/target-document/{ConsoleFixture.Division}/{ConsoleFixture.Unit}/2021/html");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Another_units_officer_is_refused_the_document_in_the_apis_words()
    {
        var page = await fixture.SignInAsync($"role=department&division={ConsoleFixture.Division}&unit=434002");
        var answer = await page.Context.APIRequest.GetAsync(
            $"{fixture.BaseUrl}/export/target-document/{ConsoleFixture.Division}/{ConsoleFixture.Unit}/2021/html");
        Assert.Equal((int)HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains(ConsoleFixture.Unit, await answer.TextAsync());
        var signedOut = await (await fixture.NewPageAsync()).Context.APIRequest.GetAsync(
            $"{fixture.BaseUrl}/export/target-document/{ConsoleFixture.Division}/{ConsoleFixture.Unit}/2021/html",
            new() { MaxRedirects = 0 });
        Assert.Equal((int)HttpStatusCode.Redirect, signedOut.Status);
        await page.Context.CloseAsync();
    }
}
