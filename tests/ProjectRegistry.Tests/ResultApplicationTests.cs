using Grpc.Core;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.ProjectRegistry.Tests;

/// <summary>
/// Result application (结果应用): a project shows what its predecessor — named by predecessor_code, else last year's
/// project of the same unit and name — left for the budget review, from the events the registry consumed.
/// </summary>
public sealed class ResultApplicationTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private RegistryClient Finance => fixture.Finance;

    [Fact]
    public async Task Last_years_project_of_the_same_unit_and_name_is_the_predecessor_with_its_grade_rectifications_and_warnings()
    {
        var (last, next) = await ResultSamples.PairAsync(Finance);
        var elsewhere = await ResultSamples.CreateAsync(Finance, 2022, next.Name, RegistryFixture.OtherUnit);
        var (round1, round2, round3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await ResultSamples.PublishAsync(fixture.Stack,
            ResultSamples.Evaluation(last.Code, 3, PerformanceStatuses.Accepted, 74.5m, "中", 72.25m, "中"),
            ResultSamples.Form(round1, last.Code, 1, needsRectification: true, rectified: false),
            ResultSamples.Form(round2, last.Code, 2, needsRectification: true, rectified: true),
            ResultSamples.Form(round3, last.Code, 1, needsRectification: true, rectified: false),
            ResultSamples.Warning(last.Code, 4, "red"));

        var predecessor = (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code })).Predecessor;
        Assert.Equal((last.Code, 2021, last.Name, "name"), (predecessor.Code, predecessor.Year, predecessor.Name, predecessor.MatchedBy));
        Assert.Equal(("accepted", "72.25", "100.00", "中"), (predecessor.EvaluationStatus, predecessor.Score, predecessor.OutOf, predecessor.Grade));
        Assert.Equal((2, 1), (predecessor.OpenRectifications, predecessor.OpenWarnings));
        Assert.Equal(1000, predecessor.SuggestedAdjustmentBp);
        Assert.Equal("上年度绩效评价等级为中（72.25 分）：压减，建议压减预算 10%。", predecessor.Suggestion);

        // Another unit's project of the same name is not its successor; last year's project has none before it; the list
        // of projects does not compute predecessors.
        Assert.Null((await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = elsewhere.Code })).Predecessor);
        Assert.Null((await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = last.Code })).Predecessor);
        var listed = await Finance.ListProjectsAsync(new ListProjectsRequest
        {
            DivisionCode = RegistryFixture.Division, UnitCode = RegistryFixture.Unit, Year = 2022, Page = new() { PageSize = 500 },
        });
        Assert.Null(listed.Projects.Single(p => p.Code == next.Code).Predecessor);

        // The unit's department sees it as finance does.
        var own = await fixture.DepartmentOf(RegistryFixture.Unit).GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code });
        Assert.Equal(predecessor, own.Predecessor);
    }

    [Fact]
    public async Task A_predecessor_named_by_code_wins_over_the_name_and_can_be_removed()
    {
        var (sameName, next) = await ResultSamples.PairAsync(Finance);
        var renamed = await ResultSamples.CreateAsync(Finance, 2020, "旧名称的项目" + Guid.NewGuid().ToString("N")[..6]);
        await ResultSamples.PublishAsync(fixture.Stack, ResultSamples.Evaluation(renamed.Code, 1, PerformanceStatuses.Accepted, 95m, "优"));

        var updated = await Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = next.Code, Project = new Project { Version = next.Version, PredecessorCode = renamed.Code },
        });
        Assert.Equal(renamed.Code, updated.PredecessorCode);
        var read = await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code });
        Assert.Equal((renamed.Code, 2020, "code", "优", 0), (read.Predecessor.Code, read.Predecessor.Year, read.Predecessor.MatchedBy,
            read.Predecessor.Grade, read.Predecessor.SuggestedAdjustmentBp));
        Assert.Equal("上年度绩效评价等级为优（95.00 分）：优先保障。", read.Predecessor.Suggestion);
        var audit = (await Finance.ListAuditEntriesAsync(new ListAuditEntriesRequest { ProjectCode = next.Code })).Entries;
        Assert.Contains(renamed.Code, audit.First(e => e.Action == "update").AfterJson);

        // A name left out keeps the predecessor; "" removes it, and the same-name match applies again.
        updated = await Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = next.Code, Project = new Project { Version = updated.Version, Purpose = "购置9座客车一辆，更换旧车" },
        });
        Assert.Equal(renamed.Code, updated.PredecessorCode);
        updated = await Finance.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = next.Code, Project = new Project { Version = updated.Version, PredecessorCode = "" },
        });
        Assert.False(updated.HasPredecessorCode);
        read = await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code });
        Assert.Equal((sameName.Code, "name"), (read.Predecessor.Code, read.Predecessor.MatchedBy));

        // Named on creation too.
        var created = await ResultSamples.CreateAsync(Finance, 2022, "新名称的项目" + Guid.NewGuid().ToString("N")[..6], predecessorCode: renamed.Code);
        Assert.Equal(renamed.Code, created.PredecessorCode);
        Assert.Equal(renamed.Code, (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = created.Code })).Predecessor.Code);
    }

    [Fact]
    public async Task Another_units_predecessor_named_by_the_finance_bureau_is_not_shown_to_the_department()
    {
        var otherUnits = await ResultSamples.CreateAsync(Finance, 2021, "划转前项目" + Guid.NewGuid().ToString("N")[..6], RegistryFixture.OtherUnit);
        await ResultSamples.PublishAsync(fixture.Stack, ResultSamples.Evaluation(otherUnits.Code, 1, PerformanceStatuses.Accepted, 55m, "差"));
        var next = await ResultSamples.CreateAsync(Finance, 2022, "划转后项目" + Guid.NewGuid().ToString("N")[..6], predecessorCode: otherUnits.Code);

        var seenByFinance = await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code });
        Assert.Equal((otherUnits.Code, "差", 10000), (seenByFinance.Predecessor.Code, seenByFinance.Predecessor.Grade,
            seenByFinance.Predecessor.SuggestedAdjustmentBp));
        var seenByDepartment = await fixture.DepartmentOf(RegistryFixture.Unit).GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code });
        Assert.Null(seenByDepartment.Predecessor);
        Assert.Equal(otherUnits.Code, seenByDepartment.PredecessorCode);
    }

    [Fact]
    public async Task Each_grade_suggests_the_default_adjustment_of_the_configuration()
    {
        foreach (var (grade, score, bp, suggestion) in new[]
        {
            ("优", 92.5m, 0, "上年度绩效评价等级为优（92.50 分）：优先保障。"),
            ("良", 85m, 0, "上年度绩效评价等级为良（85.00 分）：合理安排。"),
            ("中", 61.01m, 1000, "上年度绩效评价等级为中（61.01 分）：压减，建议压减预算 10%。"),
            ("差", 40m, 10000, "上年度绩效评价等级为差（40.00 分）：取消或暂停，建议压减预算 100%。"),
        })
        {
            var predecessor = await ResultSamples.EvaluatedPredecessorAsync(fixture, grade, score);
            Assert.Equal((grade, bp, suggestion), (predecessor.Grade, predecessor.SuggestedAdjustmentBp, predecessor.Suggestion));
        }
    }

    [Fact]
    public async Task Without_an_accepted_evaluation_there_is_no_grade_and_the_suggestion_says_why()
    {
        var (last, next) = await ResultSamples.PairAsync(Finance);
        await ResultSamples.PublishAsync(fixture.Stack, ResultSamples.Form(Guid.NewGuid(), last.Code, 1, needsRectification: true, rectified: false));
        var predecessor = (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code })).Predecessor;
        Assert.Equal((last.Code, 2021, "", "", "", 1, 0, 0), (predecessor.Code, predecessor.Year, predecessor.EvaluationStatus,
            predecessor.Grade, predecessor.Score, predecessor.OpenRectifications, predecessor.OpenWarnings, predecessor.SuggestedAdjustmentBp));
        Assert.Equal("上年度项目尚无绩效自评结果，暂无按等级的调整建议。", predecessor.Suggestion);

        // Submitted but not reviewed: the department's own score shows in words only, awaiting the finance bureau.
        await ResultSamples.PublishAsync(fixture.Stack, ResultSamples.Evaluation(last.Code, 2, PerformanceStatuses.Submitted, 88.5m, "良"));
        predecessor = (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code })).Predecessor;
        Assert.Equal(("submitted", "", "", 0), (predecessor.EvaluationStatus, predecessor.Grade, predecessor.Score, predecessor.SuggestedAdjustmentBp));
        Assert.Equal("上年度项目的绩效自评已报送（自评 88.50 分，良），财政局尚未复核，复核后按等级给出调整建议。", predecessor.Suggestion);

        // Accepted with a re-score: the finance bureau's grade is the final one.
        await ResultSamples.PublishAsync(fixture.Stack, ResultSamples.Evaluation(last.Code, 3, PerformanceStatuses.Accepted, 88.5m, "良", 79.99m, "中"));
        predecessor = (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code })).Predecessor;
        Assert.Equal(("accepted", "中", "79.99", 1000), (predecessor.EvaluationStatus, predecessor.Grade, predecessor.Score, predecessor.SuggestedAdjustmentBp));
    }

    [Fact]
    public async Task Replayed_and_reordered_events_leave_the_newest_version()
    {
        var (last, next) = await ResultSamples.PairAsync(Finance);
        var round = Guid.NewGuid();
        // Newest first, then older ones, then the newest again.
        var newest = new object[]
        {
            ResultSamples.Evaluation(last.Code, 5, PerformanceStatuses.Accepted, 91m, "优"),
            ResultSamples.Form(round, last.Code, 4, needsRectification: true, rectified: true),
            ResultSamples.Warning(last.Code, 3, ""),
        };
        await ResultSamples.PublishAsync(fixture.Stack, newest);
        await ResultSamples.PublishAsync(fixture.Stack,
            ResultSamples.Evaluation(last.Code, 4, PerformanceStatuses.Submitted, 50m, "差"),
            ResultSamples.Evaluation(last.Code, 1, PerformanceStatuses.Draft, 10m, "差"),
            ResultSamples.Form(round, last.Code, 3, needsRectification: true, rectified: false),
            ResultSamples.Warning(last.Code, 2, "red"),
            ResultSamples.Warning(last.Code, 1, "yellow"));
        await ResultSamples.PublishAsync(fixture.Stack, newest);

        var predecessor = (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code })).Predecessor;
        Assert.Equal(("accepted", "优", "91.00", 0, 0), (predecessor.EvaluationStatus, predecessor.Grade, predecessor.Score,
            predecessor.OpenRectifications, predecessor.OpenWarnings));

        // A newer warning raised again counts.
        await ResultSamples.PublishAsync(fixture.Stack, ResultSamples.Warning(last.Code, 6, "yellow"));
        Assert.Equal(1, (await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code })).Predecessor.OpenWarnings);
    }

    [Fact]
    public async Task A_bad_predecessor_code_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var earlier = await ResultSamples.CreateAsync(Finance, 2021, "上年度项目" + Guid.NewGuid().ToString("N")[..6]);
        var sameYear = await ResultSamples.CreateAsync(Finance, 2022, "同年度项目" + Guid.NewGuid().ToString("N")[..6]);
        var otherUnits = await ResultSamples.CreateAsync(Finance, 2021, "其他单位项目" + Guid.NewGuid().ToString("N")[..6], RegistryFixture.OtherUnit);
        var department = fixture.DepartmentOf(RegistryFixture.Unit);

        foreach (var (client, code, words) in new (RegistryClient, string, string)[]
        {
            (Finance, "NOT-A-CODE", "格式不正确"),
            (Finance, "13062621AAAAAAAAAAAAA", "同一行政区划"),
            (Finance, RegistryFixture.Division + "21NOSUCHPROJECT", "不存在"),
            (Finance, sameYear.Code, "应早于本项目的 2022 年度"),
            (department, otherUnits.Code, "不存在"),
        })
        {
            var input = Samples.VehiclePurchase(Samples.NewCode(2022));
            input.Year = 2022;
            input.PredecessorCode = code;
            var (error, fields) = await Errors.Expect(StatusCode.InvalidArgument, () => client.CreateProjectAsync(Samples.Create(input)).ResponseAsync);
            Assert.Equal(["project.predecessor_code"], fields);
            Assert.Contains(words, error.Status.Detail);
            await Errors.Expect(StatusCode.NotFound, () => Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = input.Code }).ResponseAsync);

            var (updateError, updateFields) = await Errors.Expect(StatusCode.InvalidArgument, () => client.UpdateProjectAsync(new UpdateProjectRequest
            {
                ProjectCode = sameYear.Code, Project = new Project { Version = sameYear.Version, PredecessorCode = code },
            }).ResponseAsync);
            Assert.Equal(["project.predecessor_code"], updateFields);
            Assert.Contains(words, updateError.Status.Detail);
        }
        Assert.Equal(sameYear, await Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = sameYear.Code }));

        // The department names its own unit's earlier project.
        var input2 = Samples.VehiclePurchase(Samples.NewCode(2022));
        input2.Year = 2022;
        input2.PredecessorCode = earlier.Code;
        Assert.Equal(earlier.Code, (await department.CreateProjectAsync(Samples.Create(input2))).PredecessorCode);
    }
}
