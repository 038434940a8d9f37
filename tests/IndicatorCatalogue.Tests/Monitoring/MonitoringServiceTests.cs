using Grpc.Core;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Monitoring;

/// <summary>Rounds and forms of mid-year monitoring over gRPC, with the money read from the disbursement service.</summary>
public sealed class MonitoringServiceTests(MonitoringFixture fixture) : IClassFixture<MonitoringFixture>
{
    // 100,000.00 yuan planned 10% / 50% / 80% / 100%; 10,000.00 paid on 20 May: at 7月31日 40 points behind the plan.
    private Task<string> BehindAsync(string unit = MonitoringFixture.Unit) =>
        fixture.ApprovedProjectAsync(10_000_000, [1000, 5000, 8000, 10000], unit, payments: ("2021-05-20", 1_000_000));

    private static MonitoringIndicatorInput Filed(int index, string likelihood, string cause = "", string measure = "") =>
        new() { Index = index, Reached = "30000人", Expected = "47244人", Likelihood = likelihood, Cause = cause, Measure = measure };

    private static IEnumerable<MonitoringIndicatorInput> AllCertain() => Enumerable.Range(0, 5).Select(i => Filed(i, "确定能"));

    [Fact]
    public async Task Finance_opens_a_round_once_per_date_and_departments_see_it()
    {
        var round = await fixture.RoundAsync("2021-06-30");
        var again = await fixture.RoundAsync("2021-06-30");
        Assert.Equal(round.Id, again.Id);
        Assert.Equal(("2021-06-30", "2021-08-15", 2021), (round.AsOf, round.Deadline, round.Year));

        var denied = await Assert.ThrowsAsync<RpcException>(() => fixture.Department().OpenRoundAsync(new OpenMonitoringRoundRequest
        {
            Year = 2021, DivisionCode = MonitoringFixture.Division, AsOf = "2021-09-30", Deadline = "2021-10-15",
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var outside = await Assert.ThrowsAsync<RpcException>(() => fixture.Finance.OpenRoundAsync(new OpenMonitoringRoundRequest
        {
            Year = 2021, DivisionCode = MonitoringFixture.Division, AsOf = "2022-07-31", Deadline = "2021-08-15",
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, outside.StatusCode);
        Assert.Contains("as_of", outside.Status.Detail);
        Assert.Contains("年内", outside.Status.Detail);

        var listed = await fixture.Department().ListRoundsAsync(new ListMonitoringRoundsRequest { Year = 2021 });
        Assert.Contains(listed.Rounds, r => r.Id == round.Id);
        Assert.Empty((await fixture.MonitoringFor(fixture.Stack.DepartmentToken("130637", "434001"))
            .ListRoundsAsync(new ListMonitoringRoundsRequest { Year = 2021 })).Rounds);
    }

    [Fact]
    public async Task The_form_is_prefilled_with_the_money_as_of_the_round_and_the_filed_targets()
    {
        var round = await fixture.RoundAsync();
        var code = await BehindAsync();
        var form = await fixture.Department().GetFormAsync(new GetMonitoringFormRequest { ProjectCode = code, RoundId = round.Id });

        Assert.Equal(("", "未填报", 0L), (form.Status, form.StatusLabel, form.Version));
        Assert.Equal((10_000_000L, 1_000_000L, 1000, 5000, 4000), (form.BudgetFen, form.SpentFen, form.ExecutionBp, form.PlannedBp, form.LagBp));
        // The default expectation is the plan's year end (a plan reaches 100%): nothing to cut until the department says so.
        Assert.Equal((10_000, 10_000_000L, 10_000_000L, 0L),
            (form.PlannedYearEndBp, form.PlannedYearEndFen, form.ExpectedSpentFen, form.ReductionCandidateFen));
        Assert.Equal(IndicatorSetTestsTargets(), form.Indicators.Select(i => (i.Index, i.Name, i.Target)));
        Assert.True(form.NeedsRectification);
        Assert.Equal(["EXE-03"], form.Reasons.Select(r => r.RuleId));
        Assert.Contains("落后计划 50.00% 达 40.00%", form.Reasons[0].Message);
    }

    private static IEnumerable<(int, string, string)> IndicatorSetTestsTargets() =>
        Service.IndicatorSetTests.SoundSet().Select((x, i) => (i, x.Name, x.Target));

    [Fact]
    public async Task A_form_walks_save_submit_return_submit_accept_and_rectified()
    {
        var round = await fixture.RoundAsync();
        var code = await BehindAsync();
        var department = fixture.Department();
        var key = new GetMonitoringFormRequest { ProjectCode = code, RoundId = round.Id };
        MonitoringFormAction Action(long version, string comment = "") => new() { ProjectCode = code, RoundId = round.Id, Version = version, Comment = comment };

        var saved = await department.SaveFormAsync(new SaveMonitoringFormRequest
        {
            ProjectCode = code, RoundId = round.Id, ExpectedSpentFen = 9_000_000,
            Indicators = { Filed(0, "确定能"), Filed(1, "完全不可能"), Filed(2, "有可能", "其他") },
        });
        Assert.Equal(("draft", 1L, 9_000_000L, 1_000_000L), (saved.Status, saved.Version, saved.ExpectedSpentFen, saved.ReductionCandidateFen));
        Assert.Equal(["EXE-06", "EXE-03", "EXE-05"], saved.Reasons.Select(r => r.RuleId));
        Assert.Contains("可调减 10,000.00 元", saved.Reasons[2].Message);
        Assert.Contains("任务完成情况", saved.Reasons[0].Message);
        Assert.Equal(("完全不可能", "30000人"), (saved.Indicators[1].Likelihood, saved.Indicators[1].Reached));
        // The round's list shows the 调减 candidate as the form does.
        var listed = await PerfPlatform.Protos.PagedLists.ReadAllAsync(
            token => department.ListRoundFormsAsync(new ListMonitoringFormsRequest { RoundId = round.Id, Page = new() { PageSize = 200, PageToken = token } }).ResponseAsync,
            page => page.Forms, page => page.Page);
        Assert.Equal(1_000_000L, listed.Single(f => f.ProjectCode == code).ReductionCandidateFen);

        // Every indicator needs a likelihood, and whatever is not 确定能 a cause and a measure: each field is named.
        var incomplete = await Assert.ThrowsAsync<RpcException>(() => department.SubmitFormAsync(Action(saved.Version)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, incomplete.StatusCode);
        foreach (var field in new[] { "indicators[1].cause", "indicators[1].measure", "indicators[2].cause_text", "indicators[2].measure", "indicators[3].likelihood", "indicators[4].likelihood" })
            Assert.Contains(field, incomplete.Status.Detail);
        Assert.DoesNotContain("indicators[0]", incomplete.Status.Detail);

        saved = await department.SaveFormAsync(new SaveMonitoringFormRequest
        {
            ProjectCode = code, RoundId = round.Id, Version = saved.Version,
            Indicators = { AllCertain().Take(1), Filed(1, "完全不可能", "经费保障", "调减预算"), AllCertain().Skip(2) },
        });
        // Without an expectation the form falls back to the plan's year end.
        Assert.Equal((2L, 10_000_000L), (saved.Version, saved.ExpectedSpentFen));
        var otherUnit = await Assert.ThrowsAsync<RpcException>(() => fixture.Department(MonitoringFixture.OtherUnit).SubmitFormAsync(Action(saved.Version)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, otherUnit.StatusCode);
        var submitted = await department.SubmitFormAsync(Action(saved.Version));
        Assert.Equal(("submitted", 3L), (submitted.Status, submitted.Version));
        var locked = await Assert.ThrowsAsync<RpcException>(() => department.SaveFormAsync(new SaveMonitoringFormRequest { ProjectCode = code, RoundId = round.Id }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, locked.StatusCode);

        var departmentAccepts = await Assert.ThrowsAsync<RpcException>(() => department.AcceptFormAsync(Action(submitted.Version)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, departmentAccepts.StatusCode);
        var noComment = await Assert.ThrowsAsync<RpcException>(() => fixture.Finance.ReturnFormAsync(Action(submitted.Version)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noComment.StatusCode);
        Assert.Contains("comment", noComment.Status.Detail);
        var returned = await fixture.Finance.ReturnFormAsync(Action(submitted.Version, "请说明调减金额"));
        Assert.Equal(("returned", "已退回", "请说明调减金额"), (returned.Status, returned.StatusLabel, returned.ReturnComment));

        var stale = await Assert.ThrowsAsync<RpcException>(() => department.SubmitFormAsync(Action(submitted.Version)).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        var resubmitted = await department.SubmitFormAsync(Action(returned.Version));
        var accepted = await fixture.Finance.AcceptFormAsync(Action(resubmitted.Version, "同意"));
        Assert.Equal(("accepted", "同意", false), (accepted.Status, accepted.ReviewComment, accepted.Rectified));
        Assert.True(accepted.NeedsRectification);

        var nothingSaid = await Assert.ThrowsAsync<RpcException>(() => department.MarkRectifiedAsync(Action(accepted.Version)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, nothingSaid.StatusCode);
        var rectified = await department.MarkRectifiedAsync(Action(accepted.Version, "已调减预算 10,000.00 元，加快支付"));
        Assert.Equal((true, "已调减预算 10,000.00 元，加快支付", "accepted"), (rectified.Rectified, rectified.Rectification, rectified.Status));
        var twice = await Assert.ThrowsAsync<RpcException>(() => department.MarkRectifiedAsync(Action(rectified.Version, "再次")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);

        var read = await fixture.Finance.GetFormAsync(key);
        Assert.Equal((rectified.Version, "accepted", true), (read.Version, read.Status, read.Rectified));
    }

    [Fact]
    public async Task Only_approved_projects_of_the_rounds_year_and_division_are_in_scope_and_only_for_their_unit()
    {
        var round = await fixture.RoundAsync();
        var draft = await fixture.ApprovedProjectAsync(1_000_000, [null, 5000, null, 10000], approve: false);
        var notApproved = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Finance.GetFormAsync(new GetMonitoringFormRequest { ProjectCode = draft, RoundId = round.Id }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notApproved.StatusCode);
        Assert.Contains("不在本轮监控范围", notApproved.Status.Detail);

        var others = await BehindAsync(MonitoringFixture.OtherUnit);
        var hidden = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Department().GetFormAsync(new GetMonitoringFormRequest { ProjectCode = others, RoundId = round.Id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var badRound = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Finance.GetFormAsync(new GetMonitoringFormRequest { ProjectCode = others, RoundId = "7月" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badRound.StatusCode);
        Assert.Contains("round_id", badRound.Status.Detail);
        var unknownIndex = await Assert.ThrowsAsync<RpcException>(() => fixture.Finance.SaveFormAsync(new SaveMonitoringFormRequest
        {
            ProjectCode = others, RoundId = round.Id, Indicators = { Filed(5, "确定能") },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, unknownIndex.StatusCode);
        Assert.Contains("indicators[0].index", unknownIndex.Status.Detail);
        var badWord = await Assert.ThrowsAsync<RpcException>(() => fixture.Finance.SaveFormAsync(new SaveMonitoringFormRequest
        {
            ProjectCode = others, RoundId = round.Id, Indicators = { Filed(0, "大概能") },
        }).ResponseAsync);
        Assert.Contains("indicators[0].likelihood", badWord.Status.Detail);
    }

    [Fact]
    public async Task The_round_lists_its_projects_and_finds_those_behind_their_plan()
    {
        var round = await fixture.RoundAsync();
        var behind = await BehindAsync();
        // 50,000.00 yuan planned 40% by 6月底 and all of it by the year's end; half paid on 1 June.
        var onPlan = await fixture.ApprovedProjectAsync(5_000_000, [null, 4000, null, 10000], payments: ("2021-06-01", 2_500_000));

        var forms = await fixture.Department().ListRoundFormsAsync(new ListMonitoringFormsRequest { RoundId = round.Id, Page = new() { PageSize = 200 } });
        Assert.Equal(round.Id, forms.Round.Id);
        Assert.All(forms.Forms, f => Assert.Equal(MonitoringFixture.Unit, f.UnitCode));
        var late = forms.Forms.Single(f => f.ProjectCode == behind);
        Assert.True(late.NeedsRectification);
        Assert.Contains(late.Reasons, r => r.RuleId == "EXE-03");
        var fine = forms.Forms.Single(f => f.ProjectCode == onPlan);
        Assert.Equal((5000, 4000, false), (fine.ExecutionBp, fine.PlannedBp, fine.NeedsRectification));

        var first = await fixture.Finance.ListRoundFormsAsync(new ListMonitoringFormsRequest { RoundId = round.Id, Page = new() { PageSize = 1 } });
        Assert.Single(first.Forms);
        Assert.NotEmpty(first.Page.NextPageToken);
        var second = await fixture.Finance.ListRoundFormsAsync(new ListMonitoringFormsRequest { RoundId = round.Id, Page = new() { PageSize = 1, PageToken = first.Page.NextPageToken } });
        Assert.True(string.CompareOrdinal(second.Forms.Single().ProjectCode, first.Forms.Single().ProjectCode) > 0);
    }

    [Fact]
    public async Task A_project_the_disbursement_service_has_not_heard_of_yet_lists_with_its_filed_budget_to_everyone()
    {
        var round = await fixture.RoundAsync();
        var code = await fixture.ProjectOnlyTheCatalogueKnowsAsync(7_000_000, MonitoringFixture.OtherUnit);
        // DisbursementTracking leaves it out of its answer to either.
        foreach (var reader in new[] { fixture.Department(MonitoringFixture.OtherUnit), fixture.Finance })
        {
            var forms = await reader.ListRoundFormsAsync(new ListMonitoringFormsRequest
            {
                RoundId = round.Id, UnitCode = MonitoringFixture.OtherUnit, Page = new() { PageSize = 200 },
            });
            var form = forms.Forms.Single(f => f.ProjectCode == code);
            Assert.Equal((7_000_000L, 0L, 0, 0), (form.BudgetFen, form.SpentFen, form.ExecutionBp, form.PlannedBp));
        }
    }

    [Fact]
    public async Task Without_the_disbursement_service_a_form_and_the_round_list_are_unavailable_said_in_chinese_and_back_soon_after()
    {
        var round = await fixture.RoundAsync();
        var code = await BehindAsync();
        var key = new GetMonitoringFormRequest { ProjectCode = code, RoundId = round.Id };
        var disbursement = fixture.Stack[PlatformStack.Disbursement];
        await disbursement.StopAsync();
        try
        {
            var down = await Assert.ThrowsAsync<RpcException>(() => fixture.Department().GetFormAsync(key).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, down.StatusCode);
            Assert.Contains("资金执行服务", down.Status.Detail);
            var list = await Assert.ThrowsAsync<RpcException>(() => fixture.Finance.ListRoundFormsAsync(new ListMonitoringFormsRequest { RoundId = round.Id }).ResponseAsync);
            Assert.Equal((StatusCode.Unavailable, true), (list.StatusCode, list.Status.Detail.Contains("资金执行服务")));
        }
        finally
        {
            await disbursement.StartAsync();
        }
        // The catalogue reconnects within its two-second back-off, not gRPC's default of up to two minutes.
        var back = await Eventually.Succeeds(() => fixture.Department().GetFormAsync(key).ResponseAsync,
            e => e is RpcException { StatusCode: StatusCode.Unavailable }, timeout: TimeSpan.FromSeconds(5));
        Assert.Equal(1_000_000L, back.SpentFen);
    }
}
