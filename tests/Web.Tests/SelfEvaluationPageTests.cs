using Microsoft.Playwright;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using static Microsoft.Playwright.Assertions;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// 绩效自评 in the console: the department fills in the seed's car at year end and sees the catalogue's score change as it
/// types, submits it, and the finance bureau re-scores an item with a comment, both scores shown.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SelfEvaluationPageTests(ConsoleFixture fixture)
{
    private const string Car = "13063621GNTKS9WIPUKRG";

    [Fact]
    public async Task The_department_sees_the_score_as_it_types_and_the_finance_bureau_re_scores()
    {
        var stack = fixture.Stack;
        await new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.DepartmentToken(ConsoleFixture.Division, ConsoleFixture.Unit)))
            .SubmitProjectAsync(new ReviewActionRequest { ProjectCode = Car });
        var approved = await new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.FinanceToken()))
            .ApproveProjectAsync(new ReviewActionRequest { ProjectCode = Car, Comment = "同意" });
        await stack.CatalogueKnowsProjectAsync(Car, approved.Version);
        await new DisbursementClient(stack.Channel(PlatformStack.Gateway, stack.FinanceToken())).RecordDisbursementAsync(new RecordDisbursementRequest
        {
            ProjectCode = Car, VoucherId = "GK-WEB-0520", Date = "2021-05-20", AmountFen = 18_000_000, FundSource = "fiscal", Note = "购置9座客车",
        });

        var department = await fixture.SignInAsync($"role=department&division={ConsoleFixture.Division}&unit={ConsoleFixture.Unit}");
        await department.GotoAsync($"{fixture.BaseUrl}/projects/{Car}");
        await department.Locator("#self-evaluation").ClickAsync();
        await Expect(department.Locator("h1")).ToContainTextAsync("绩效自评：购置公务用车项目经费");
        await department.GetByLabel("购买数量 实际完成值").FillAsync("1辆");
        await department.GetByLabel("资金到位率 实际完成值").FillAsync("100%");
        await department.GetByLabel("实施进度 实际完成值").FillAsync("2021-05-20");
        await department.GetByLabel("业务保障能力 评定").SelectOptionAsync("达成");
        await department.GetByLabel("购置设备可持续使用年限 实际完成值").FillAsync("10年");
        var satisfaction = department.GetByLabel("使用人员满意度（%） 实际完成值");
        await satisfaction.FillAsync("96%");
        await ConsoleFixture.OrScreenshotAsync(department, "failed-evaluation-score",
            () => Expect(department.Locator("#evaluation-score")).ToHaveTextAsync("100.00"));
        // Scored as typed, before anything is saved: 45% of a ≥90% target earns half its 10 points.
        await satisfaction.FillAsync("45%");
        await Expect(department.Locator("#evaluation-score")).ToHaveTextAsync("95.00");
        await ConsoleFixture.ScreenshotAsync(department, "20-self-evaluation-typed");
        await satisfaction.FillAsync("96%");
        await Expect(department.Locator("#evaluation-score")).ToHaveTextAsync("100.00");
        await department.Locator("#submit-evaluation").ClickAsync();
        await Expect(department.GetByText("已报送财政部门。")).ToBeVisibleAsync();
        await Expect(department.Locator("#evaluation-grade")).ToHaveTextAsync("优");

        var finance = await fixture.SignInAsync("role=finance");
        await finance.GotoAsync($"{fixture.BaseUrl}/projects/{Car}/self-evaluation");
        await finance.GetByLabel("使用人员满意度（%） 复核得分").FillAsync("8");
        await finance.Locator("#review-comment").FillAsync("满意度调查样本不足");
        await finance.Locator("#review-evaluation").ClickAsync();
        await Expect(finance.GetByText("复核完成，自评结果已审核。")).ToBeVisibleAsync();
        await Expect(finance.Locator("#reviewed-score")).ToHaveTextAsync("98.00");
        await Expect(finance.Locator("#evaluation-score")).ToHaveTextAsync("100.00");
        await Expect(finance.GetByText("（复核 8.00）")).ToBeVisibleAsync();
        await Expect(finance.Locator("#review-comment-shown")).ToContainTextAsync("财政部门复核意见：满意度调查样本不足");
        await ConsoleFixture.ScreenshotAsync(finance, "21-self-evaluation-reviewed");
        // The department sees why its score was changed.
        await department.ReloadAsync();
        await Expect(department.Locator("#review-comment-shown")).ToContainTextAsync("财政部门复核意见：满意度调查样本不足");
        await Expect(department.GetByText("（复核 8.00）")).ToBeVisibleAsync();

        // The bureau's summary of the year's self-evaluations counts it, by department and by grade (Reporting, from events).
        await finance.GotoAsync($"{fixture.BaseUrl}/evaluations?year=2021");
        await Expect(finance.Locator("h1")).ToHaveTextAsync("绩效自评汇总");
        await ConsoleFixture.OrScreenshotAsync(finance, "failed-evaluation-summary",
            () => Expect(finance.Locator("[data-testid=evaluation-total]")).ToContainTextAsync("其中财政已审核 1 个；平均得分 98.00 分"));
        await Expect(finance.GetByRole(AriaRole.Link, new() { Name = "购置公务用车项目经费" })).ToBeVisibleAsync();
        await finance.Locator("label.ant-radio-button-wrapper", new() { HasText = "等级" }).ClickAsync();
        await Expect(finance.Locator("tbody").GetByText("优 1 个，良 0 个，中 0 个，差 0 个").First).ToBeVisibleAsync();
        await ConsoleFixture.ScreenshotAsync(finance, "22-evaluation-summary");
    }
}
