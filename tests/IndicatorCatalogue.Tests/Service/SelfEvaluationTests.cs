using Grpc.Core;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.TestSupport;
using Xunit;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;

namespace PerfPlatform.IndicatorCatalogue.Tests.Service;

/// <summary>绩效自评 in the catalogue: the form, the score as DOMAIN.md computes it, submission, review and its rules.</summary>
public sealed class SelfEvaluationTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    private static void AssertNames(RpcException e, StatusCode code, params string[] fields)
    {
        Assert.Equal(code, e.StatusCode);
        foreach (var field in fields) Assert.Contains(field, e.Status.Detail);
    }

    [Fact]
    public async Task Every_target_met_and_the_money_spent_scores_100_from_the_payments_to_year_end()
    {
        var code = await fixture.ApprovedCarAsync();
        var blank = await fixture.Department.GetSelfEvaluationAsync(new GetSelfEvaluationRequest { ProjectCode = code });
        Assert.Equal(("draft", 0L, 18_000_000L, "payments"), (blank.Status, blank.Version, blank.SpentFen, blank.SpentSource));

        // Scored as typed: validate_only answers the score and stores nothing.
        var typed = EvaluationFixture.AllMet(code);
        typed.ValidateOnly = true;
        typed.Indicators[5].Reached = "45%";
        var preview = await fixture.Department.PutSelfEvaluationAsync(typed);
        Assert.Equal(("5.00", "95.00", 0L), (preview.Items[5].Score, preview.Score, preview.Version));
        Assert.Equal(0, (await fixture.Department.GetSelfEvaluationAsync(new GetSelfEvaluationRequest { ProjectCode = code })).Version);

        var form = await fixture.Department.PutSelfEvaluationAsync(EvaluationFixture.AllMet(code));
        Assert.Equal(("100.00", "100.00", "优", "10.00"), (form.Score, form.OutOf, form.Grade, form.ExecutionScore));
        Assert.Equal((18_000_000L, 18_000_000L, 10_000, "payments", 1L), (form.BudgetFen, form.SpentFen, form.ExecutionBp, form.SpentSource, form.Version));
        // 产出 50 among three to the cent, 效益 30 between two, 满意度 10.
        Assert.Equal(["16.67", "16.67", "16.66", "15.00", "15.00", "10.00"], form.Items.Select(i => i.Points));
        Assert.Equal(form.Items.Select(i => i.Points), form.Items.Select(i => i.Score));
        Assert.Equal(("≥1辆", "1辆"), (form.Items[0].Target, form.Items[0].Reached));

        // The values reached are the year-end actuals beside the targets, and only the self-evaluation changes them now.
        var catalogue = new CatalogueClient(fixture.Stack.Channel(PlatformStack.Indicators, fixture.Stack.FinanceToken()));
        var set = await catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = code });
        Assert.Equal("96%", set.Indicators[5].Actuals.Single(a => a.Period == "year_end").Value);
        var refused = await Assert.ThrowsAsync<RpcException>(() => catalogue.RecordActualsAsync(new RecordActualsRequest
        {
            ProjectCode = code, Period = "year_end", Values = { new RecordActualsRequest.Types.ActualEntry { IndicatorIndex = 0, Value = "2辆" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);

        var read = await fixture.Finance.GetSelfEvaluationAsync(new GetSelfEvaluationRequest { ProjectCode = code });
        Assert.Equal(form, read);
    }

    [Fact]
    public async Task A_shortfall_cannot_be_submitted_without_cause_and_measure_and_review_keeps_both_scores()
    {
        var code = await fixture.ApprovedCarAsync();
        var late = EvaluationFixture.AllMet(code);
        late.Indicators[2].Reached = "2021-07-31";
        var saved = await fixture.Department.PutSelfEvaluationAsync(late);
        // Done on day 212 against day 181: 16.66 × 181 ÷ 212 = 14.2238… → 14.22.
        Assert.Equal("14.22", saved.Items[2].Score);
        Assert.Equal(("97.56", "优"), (saved.Score, saved.Grade));

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Department.SubmitSelfEvaluationAsync(new SubmitSelfEvaluationRequest { ProjectCode = code, Version = saved.Version }).ResponseAsync);
        AssertNames(refused, StatusCode.InvalidArgument, "indicators[2].cause", "indicators[2].measure", "偏差原因");
        Assert.DoesNotContain("indicators[0]", refused.Status.Detail);

        late.Indicators[2].Cause = "车辆交付延期";
        late.Indicators[2].Measure = "今后提前启动采购程序";
        late.Version = saved.Version;
        var explained = await fixture.Department.PutSelfEvaluationAsync(late);
        var submitted = await fixture.Department.SubmitSelfEvaluationAsync(new SubmitSelfEvaluationRequest { ProjectCode = code, Version = explained.Version });
        Assert.Equal(("submitted", 3L), (submitted.Status, submitted.Version));

        late.Version = submitted.Version;
        var changeAfter = await Assert.ThrowsAsync<RpcException>(() => fixture.Department.PutSelfEvaluationAsync(late).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, changeAfter.StatusCode);
        var review = new ReviewSelfEvaluationRequest
        {
            ProjectCode = code, Version = submitted.Version, Comment = "保障效果证明材料不足，酌情扣分",
            Items = { new ReviewSelfEvaluationRequest.Types.ItemRescore { Index = 3, Score = "9" } },
        };
        var byDepartment = await Assert.ThrowsAsync<RpcException>(() => fixture.Department.ReviewSelfEvaluationAsync(review).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byDepartment.StatusCode);
        var stale = await Assert.ThrowsAsync<RpcException>(() => fixture.Finance.ReviewSelfEvaluationAsync(new ReviewSelfEvaluationRequest(review) { Version = 1 }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var tooMany = new ReviewSelfEvaluationRequest(review);
        tooMany.Items.AddRange(Enumerable.Range(0, 200).Select(_ => new ReviewSelfEvaluationRequest.Types.ItemRescore(review.Items[0])));
        AssertNames(await Assert.ThrowsAsync<RpcException>(() => fixture.Finance.ReviewSelfEvaluationAsync(tooMany).ResponseAsync),
            StatusCode.InvalidArgument, "items：复核调整的指标不能超过 200 个");

        var reviewed = await fixture.Finance.ReviewSelfEvaluationAsync(review);
        // 97.56 − 15.00 + 9.00: the department's score stays beside the reviewed one.
        Assert.Equal(("accepted", "97.56", "优", "91.56", "优"), (reviewed.Status, reviewed.Score, reviewed.Grade, reviewed.ReviewedScore, reviewed.ReviewedGrade));
        Assert.Equal(("15.00", "9.00"), (reviewed.Items[3].Score, reviewed.Items[3].ReviewedScore));
        Assert.Equal("", reviewed.Items[0].ReviewedScore);
        Assert.Equal(("保障效果证明材料不足，酌情扣分", "finance-evaluation"), (reviewed.ReviewComment, reviewed.ReviewedBy));
        var again = await Assert.ThrowsAsync<RpcException>(() => fixture.Finance.ReviewSelfEvaluationAsync(review).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, again.StatusCode);
    }

    [Fact]
    public async Task Stated_spending_grades_and_weights_count_as_domain_md_says()
    {
        var code = await fixture.ApprovedCarAsync(paidFen: 0);
        var request = EvaluationFixture.AllMet(code);
        request.SpentFen = 13_500_000;
        request.Indicators[3].Grade = "部分达成";
        request.Indicators[3].GradePercent = "70";
        request.Indicators[0].WeightPoints = "20";
        request.Indicators[1].WeightPoints = "20";
        request.Indicators[2].WeightPoints = "10";
        var form = await fixture.Department.PutSelfEvaluationAsync(request);
        // 10 × 135,000 ÷ 180,000 = 7.50; 部分达成 70% of 15 = 10.50; 产出 weighted 20/20/10.
        Assert.Equal(("department", "7.50", "10.50"), (form.SpentSource, form.ExecutionScore, form.Items[3].Score));
        Assert.Equal(["20.00", "20.00", "10.00"], form.Items.Take(3).Select(i => i.Points));
        Assert.Equal(("93.00", "优"), (form.Score, form.Grade));
    }

    [Theory]
    [InlineData(0, "grade", "达成", "", "indicators[0].grade")]
    [InlineData(3, "grade", "部分达成", "50", "indicators[3].grade_percent")]
    [InlineData(3, "grade", "未达成", "", "indicators[3].grade_percent")]
    [InlineData(3, "grade", "很好", "", "indicators[3].grade")]
    [InlineData(0, "weight", "30", "", "indicators[1].weight_points")]
    [InlineData(0, "percent", "", "abc", "indicators[0].grade_percent")]
    [InlineData(0, "spent", "100000000000001", "", "spent_fen")]
    public async Task Bad_grades_percents_and_weights_are_refused_naming_the_field(int index, string what, string value, string percent, string field)
    {
        var code = await fixture.ApprovedCarAsync();
        var request = EvaluationFixture.AllMet(code);
        var x = request.Indicators[index];
        switch (what)
        {
            case "grade":
                x.Grade = value;
                x.GradePercent = percent;
                break;
            case "weight":
                x.WeightPoints = value;
                break;
            case "spent":
                request.SpentFen = long.Parse(value);
                break;
            default:
                x.GradePercent = percent;
                break;
        }
        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Department.PutSelfEvaluationAsync(request).ResponseAsync);
        AssertNames(refused, StatusCode.InvalidArgument, field);
        var untouched = await fixture.Department.GetSelfEvaluationAsync(new GetSelfEvaluationRequest { ProjectCode = code });
        Assert.Equal(0, untouched.Version);
    }

    [Fact]
    public async Task Only_an_approved_project_of_the_year_can_be_evaluated()
    {
        var code = await fixture.ApprovedCarAsync();
        var wrongYear = EvaluationFixture.AllMet(code);
        wrongYear.Year = 2022;
        AssertNames(await Assert.ThrowsAsync<RpcException>(() => fixture.Department.PutSelfEvaluationAsync(wrongYear).ResponseAsync),
            StatusCode.InvalidArgument, "year", "2021");
        var outOfSet = EvaluationFixture.AllMet(code);
        outOfSet.Indicators[0].Index = 6;
        AssertNames(await Assert.ThrowsAsync<RpcException>(() => fixture.Department.PutSelfEvaluationAsync(outOfSet).ResponseAsync),
            StatusCode.InvalidArgument, "indicators[0].index");

        var other = fixture.EvaluationFor(fixture.Stack.DepartmentToken(EvaluationFixture.Division, "434002"));
        var hidden = await Assert.ThrowsAsync<RpcException>(() => other.GetSelfEvaluationAsync(new GetSelfEvaluationRequest { ProjectCode = code }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }
}

/// <summary>
/// With DisbursementTracking stopped, a department that states its full-year spending still evaluates; one that relies on
/// the payments is told, in Chinese, that they cannot be had now. A class fixture is this class's own stack.
/// </summary>
public sealed class SelfEvaluationOutageTests(EvaluationFixture fixture) : IClassFixture<EvaluationFixture>
{
    [Fact]
    public async Task Without_DisbursementTracking_only_a_stated_spending_is_taken()
    {
        var code = await fixture.ApprovedCarAsync();
        await fixture.Stack[PlatformStack.Disbursement].StopAsync();
        var request = EvaluationFixture.AllMet(code);
        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Department.PutSelfEvaluationAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains("全年执行数", refused.Status.Detail);

        request.SpentFen = 18_000_000;
        var form = await fixture.Department.PutSelfEvaluationAsync(request);
        Assert.Equal(("100.00", "department"), (form.Score, form.SpentSource));
    }
}
