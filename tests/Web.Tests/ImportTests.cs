using System.Text;
using Microsoft.Playwright;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// Importing a document in the browser: the same reader, checks and importer as perfctl import, a dry run first. The
/// seed as another unit's 2019 document, saved by Notepad in GBK, so the other tests' 2021 figures stay as they are.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ImportTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_gbk_document_is_read_dry_run_then_imported()
    {
        var registry = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        await registry.CreateUnitAsync(new CreateUnitRequest { DivisionCode = "130636", Code = "434005", DepartmentCode = "434", Name = "顺平县人民政府办公室（本级）" });
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = (await File.ReadAllTextAsync(TestEnvironment.SeedPath)).Replace("13063621", "13063619").Replace("434001", "434005");
        var gbk = Encoding.GetEncoding("GBK").GetBytes(text);

        var page = await fixture.SignInAsync("role=finance");
        await page.GetByRole(AriaRole.Link, new() { Name = "导入文档" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("导入绩效目标文档");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "目标表-记事本.txt", MimeType = "text/plain", Buffer = gbk });
        await Expect(page.GetByTestId("import-format")).ToContainTextAsync("GB18030 编码的文本");
        await Expect(page.GetByText("读取到的项目（6 个）")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "13063619GNTKS9WIPUKRG", Exact = true }).First).ToBeVisibleAsync();
        // The seed's duplicated project name, found by the document checks, at its line.
        await Expect(page.GetByTestId("import-findings")).ToContainTextAsync("COD-03");
        await Expect(page.Locator("#import-run")).ToBeDisabledAsync();

        await page.Locator("#import-dry-run").ClickAsync();
        await Expect(page.GetByTestId("import-result-title")).ToHaveTextAsync("将要进行的操作（试运行，未写入）");
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("新建 6");
        Assert.Empty((await registry.ListProjectsAsync(new ListProjectsRequest { DivisionCode = "130636", UnitCode = "434005", Year = 2019 })).Projects);
        await Expect(page.Locator("#import-run")).ToBeEnabledAsync();
        await AccessibilityTests.AssertClean(page, "/import");

        await page.Locator("#import-run").ClickAsync();
        await Expect(page.GetByTestId("import-result-title")).ToHaveTextAsync("导入结果", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("新建 6");
        await ConsoleFixture.ScreenshotAsync(page, "50-import-done");
        var stored = await registry.ListProjectsAsync(new ListProjectsRequest { DivisionCode = "130636", UnitCode = "434005", Year = 2019 });
        Assert.Equal(6, stored.Projects.Count);
        Assert.Equal(290_045_000, stored.Projects.Sum(p => p.Budget.TotalFen));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_document_with_an_error_is_refused_until_its_faulty_table_is_skipped()
    {
        var registry = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        await registry.CreateUnitAsync(new CreateUnitRequest { DivisionCode = "130636", Code = "434008", DepartmentCode = "434", Name = "顺平县信访局" });
        var seed = (await File.ReadAllTextAsync(TestEnvironment.SeedPath)).Replace("13063621", "13063618").Replace("434001", "434008");
        // The first table's plan reaches 120% at the year's end: PLN-01, an error in that table only.
        var at = seed.IndexOf("100.00%", StringComparison.Ordinal);
        var broken = seed[..at] + "120.00%" + seed[(at + "100.00%".Length)..];

        var page = await fixture.SignInAsync("role=finance");
        await page.GotoAsync($"{fixture.BaseUrl}/import");
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "目标表.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(broken) });
        await Expect(page.GetByTestId("import-findings")).ToContainTextAsync("PLN-01");
        await Expect(page.GetByTestId("import-refusal")).ToContainTextAsync("未导入");
        await Expect(page.GetByTestId("import-refusal")).ToContainTextAsync("「跳过有错误的项目表」");

        // A dry run shows what the tables without errors would do; the import itself stays refused.
        await page.Locator("#import-dry-run").ClickAsync();
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("新建 5");
        await Expect(page.GetByTestId("import-steps")).ToContainTextAsync("修正前不会导入");
        await Expect(page.Locator("#import-run")).ToBeDisabledAsync();

        await page.GetByLabel("跳过有错误的项目表，只导入其余 5 张").CheckAsync();
        await Expect(page.GetByTestId("import-refusal")).ToHaveCountAsync(0);
        await page.Locator("#import-run").ClickAsync();
        await Expect(page.GetByTestId("import-result-title")).ToHaveTextAsync("导入结果", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("import-summary")).ToContainTextAsync("新建 5，更新 0，无变化 0，未改动 0，跳过 1");
        await ConsoleFixture.ScreenshotAsync(page, "51-import-skipped");
        var stored = await registry.ListProjectsAsync(new ListProjectsRequest { DivisionCode = "130636", UnitCode = "434008", Year = 2018 });
        Assert.Equal(5, stored.Projects.Count);
        await page.Context.CloseAsync();
    }
}
