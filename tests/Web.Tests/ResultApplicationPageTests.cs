using PerfPlatform.Contracts.Performance;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// The finance bureau's review page shows what last year's project left (结果应用). The two projects are of 2014 and
/// 2015, years the console's year lists never reach, so that the seed's pages stay as the other tests expect them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ResultApplicationPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_review_page_shows_last_years_grade_score_rectifications_and_suggestion()
    {
        var registry = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.FinanceToken()));
        var last = await registry.CreateProjectAsync(Request(2014));
        var next = await registry.CreateProjectAsync(Request(2015));
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new SelfEvaluationChanged(last.Code, ConsoleFixture.Division, ConsoleFixture.Unit, 2014, 4, PerformanceStatuses.Accepted, 1_200_000,
                900_000, 76.4m, 100m, "中", 72.5m, "中", [], DateTimeOffset.UtcNow),
            new MonitoringFormChanged(Guid.NewGuid(), last.Code, ConsoleFixture.Division, ConsoleFixture.Unit, 2014, 2, PerformanceStatuses.Accepted,
                1_200_000, 300_000, 900_000, 2500, 5000, 1, true, ["有指标完全不可能完成"], false, DateTimeOffset.UtcNow));
        await Consumed.EverythingAsync(fixture.Stack, "registry");

        var finance = await fixture.SignInAsync("role=finance");
        await finance.GotoAsync($"{fixture.BaseUrl}/review/{next.Code}");
        var card = finance.Locator(".predecessor");
        await Expect(card).ToContainTextAsync(last.Code);
        await Expect(card).ToContainTextAsync("同单位同名称");
        await Expect(card.Locator(".ant-tag")).ToHaveTextAsync("中");
        await Expect(card).ToContainTextAsync("72.50 分（满分 100.00）");
        await Expect(card).ToContainTextAsync("压减 10.00%");
        await Expect(card).ToContainTextAsync("1 项");
        await Expect(card.Locator(".predecessor-suggestion")).ToHaveTextAsync("上年度绩效评价等级为中（72.50 分）：压减，建议压减预算 10%。");
        await ConsoleFixture.ScreenshotAsync(finance, "10-finance-review-predecessor");
        await finance.Context.CloseAsync();
    }

    private static CreateProjectRequest Request(int year) => new()
    {
        DivisionCode = ConsoleFixture.Division, UnitCode = ConsoleFixture.Unit,
        Project = new Project
        {
            Year = year, Name = "结果应用页面测试项目", Purpose = "购置办公设备", Goals = { "1.年内完成采购" },
            Budget = new Budget { TotalFen = 1_200_000, FiscalFen = 1_200_000 },
        },
    };
}
