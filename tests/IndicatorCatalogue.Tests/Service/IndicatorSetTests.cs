using Grpc.Core;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Service;

public sealed class IndicatorSetTests(CatalogueFixture fixture) : IClassFixture<CatalogueFixture>
{
    private const string Basis = "顺平县金融服务中心关于申请将防贫保险救助金纳入2021年财政预算的请示";

    private static Indicator Row(string level1, string level2, string name, string target, string? description = null) => new()
    {
        Level1 = level1, Level2 = level2, Name = name, Description = description ?? name, Target = target, Basis = Basis,
    };

    /// <summary>A sound set: quantity, quality, timeliness, benefit and satisfaction, with correct units.</summary>
    public static Indicator[] SoundSet() =>
    [
        Row("产出指标", "数量指标", "覆盖人口数量", "47244人", "覆盖人口数"),
        Row("产出指标", "质量指标", "任务完成情况", "100百分比", "完成率"),
        Row("产出指标", "时效指标", "项目完成时间", "2021年第二季度完成"),
        Row("效益指标", "社会效益指标", "防止返贫致贫", "显著提升"),
        Row("满意度指标", "服务对象满意度指标", "投保群众满意度", "≥90百分比", "通过走访，了解农民对该政策的满意程度"),
    ];

    private static PutIndicatorSetRequest Put(Project project, IEnumerable<Indicator> indicators, long version = 0) =>
        new() { ProjectCode = project.Code, Indicators = { indicators }, Version = version };

    [Fact]
    public async Task A_set_is_stored_verbatim_with_parsed_targets()
    {
        var project = await fixture.NewProjectAsync();
        await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet()));
        var set = await fixture.Catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code });

        Assert.Equal(SoundSet(), set.Indicators.Select(i => i.Indicator));
        Assert.Equal(1, set.Version);
        var people = set.Indicators[0].Parsed;
        Assert.Equal((TargetKind.Numeric, Comparator.Eq, "47244", "人", true), (people.Kind, people.Comparator, people.Value, people.Unit, people.ComparatorImplicit));
        Assert.Equal((TargetKind.Deadline, "2021-06-30"), (set.Indicators[2].Parsed.Kind, set.Indicators[2].Parsed.Deadline));
        Assert.Equal(TargetKind.Qualitative, set.Indicators[3].Parsed.Kind);
        var satisfaction = set.Indicators[4].Parsed;
        Assert.Equal((Comparator.Ge, "90", "percent"), (satisfaction.Comparator, satisfaction.Value, satisfaction.Unit));
        // Other tests store the same set in the unit's other projects: that copy (SEM-06) is the only warning.
        Assert.DoesNotContain(set.Findings, f => f.Severity is Severity.Error or Severity.Warning && f.RuleId != "SEM-06");
    }

    [Fact]
    public async Task A_set_copied_from_another_project_of_the_unit_is_flagged_naming_it()
    {
        var mark = Guid.NewGuid().ToString("N")[..6];
        Indicator[] copied = [.. SoundSet().Select(i => new Indicator(i) { Name = i.Name + mark })];
        var first = await fixture.NewProjectAsync();
        var second = await fixture.NewProjectAsync();
        var original = await fixture.Catalogue.PutIndicatorSetAsync(Put(first, copied));
        Assert.DoesNotContain(original.Findings, f => f.RuleId == "SEM-06");
        var copy = await fixture.Catalogue.PutIndicatorSetAsync(Put(second, copied));
        var finding = Assert.Single(copy.Findings, f => f.RuleId == "SEM-06");
        Assert.Equal((-1, Severity.Warning), (finding.IndicatorIndex, finding.Severity));
        Assert.Contains(first.Code, finding.Message);
    }

    [Fact]
    public async Task Bad_targets_are_stored_and_flagged_not_refused()
    {
        var project = await fixture.NewProjectAsync();
        var indicators = SoundSet().Append(Row("产出指标", "时效指标", "资金支付及时率", "1000百分比", "及时率"))
            .Append(Row("产出指标", "成本指标", "资金成本", "50人")).ToArray();
        var set = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, indicators));
        var errors = set.Findings.Where(f => f.Severity == Severity.Error).ToList();
        Assert.Equal([5, 6], errors.Select(e => e.IndicatorIndex).Order());
        Assert.Contains("1000百分比", errors.Single(e => e.IndicatorIndex == 5).Message);
        Assert.Single(set.Indicators[6].Findings, f => f.Severity == Severity.Error);
    }

    [Fact]
    public async Task A_new_budget_checks_the_stored_set_again()
    {
        var project = await fixture.NewProjectAsync();
        // 1,771,650.00 元 ÷ 47,244 人 = 37.50 元/人: the cost target agrees with the budget.
        var indicators = SoundSet().Append(Row("产出指标", "成本指标", "资金成本", "≤37.5元/人")).ToArray();
        var stored = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, indicators));
        Assert.DoesNotContain(stored.Findings, f => f.RuleId == "VAL-05");

        // 10,000.00 元 more from other funds: 37.71 元/人, and the same target now disagrees with the budget.
        await fixture.Registry.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = project.Code,
            Project = new Project { Version = project.Version, Budget = new Protos.Common.V1.Budget { TotalFen = 178_165_000, FiscalFen = 177_165_000, OtherFen = 1_000_000 } },
        });
        var rechecked = await Eventually.Until(() => fixture.Catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code }).ResponseAsync,
            set => set.Version > stored.Version, "the set checked again against the new budget");
        Assert.Equal(stored.Version + 1, rechecked.Version);
        var finding = Assert.Single(rechecked.Indicators[5].Findings, f => f.RuleId == "VAL-05");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("37.71", finding.Message);
        Assert.Equal(indicators, rechecked.Indicators.Select(i => i.Indicator));
    }

    [Fact]
    public async Task Replacing_is_atomic_versioned_and_idempotent()
    {
        var project = await fixture.NewProjectAsync();
        var first = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet()));
        var same = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet()));
        Assert.Equal(first.Version, same.Version);

        var shorter = SoundSet().Take(3).ToArray();
        var second = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, shorter, first.Version));
        Assert.Equal(2, second.Version);
        Assert.Equal(3, second.Indicators.Count);

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet(), first.Version)).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(3, (await fixture.Catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code })).Indicators.Count);
    }

    [Fact]
    public async Task A_malformed_indicator_is_refused_naming_the_field_and_the_stored_set_is_kept()
    {
        var project = await fixture.NewProjectAsync();
        await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet()));
        var bad = SoundSet();
        bad[2].Level2 = "";
        bad[3].Name = new string('名', 500);
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.PutIndicatorSetAsync(Put(project, bad)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("indicators[2].level2", error.Status.Detail);
        Assert.Contains("indicators[3].name", error.Status.Detail);
        Assert.Equal(SoundSet(), (await fixture.Catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code }))
            .Indicators.Select(i => i.Indicator));
    }

    [Fact]
    public async Task Only_the_projects_unit_or_finance_may_write_and_only_while_editable()
    {
        var project = await fixture.NewProjectAsync();
        var other = fixture.CatalogueFor(fixture.Stack.DepartmentToken(CatalogueFixture.Division, CatalogueFixture.OtherUnit));
        var denied = await Assert.ThrowsAsync<RpcException>(() => other.PutIndicatorSetAsync(Put(project, SoundSet())).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, denied.StatusCode);
        var readDenied = await Assert.ThrowsAsync<RpcException>(() => other.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, readDenied.StatusCode);

        var own = fixture.CatalogueFor(fixture.Stack.DepartmentToken(CatalogueFixture.Division, CatalogueFixture.Unit));
        var set = await own.PutIndicatorSetAsync(Put(project, SoundSet()));
        await fixture.Stack.RegistryKnowsIndicatorSetAsync(project.Code, set.Version);
        var submitted = await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code });
        await fixture.Stack.CatalogueKnowsProjectAsync(project.Code, submitted.Version);
        var locked = await Assert.ThrowsAsync<RpcException>(() => own.PutIndicatorSetAsync(Put(project, SoundSet().Take(2))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, locked.StatusCode);

        var missing = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.PutIndicatorSetAsync(new PutIndicatorSetRequest
        {
            ProjectCode = "13063621ZZZZZZZZZZZZZ", Indicators = { SoundSet() },
        }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Submission_is_refused_while_the_set_is_empty_or_has_an_error_and_lists_them()
    {
        var project = await fixture.NewProjectAsync();
        var empty = await Assert.ThrowsAsync<RpcException>(() => fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, empty.StatusCode);
        Assert.Contains("绩效指标", empty.Status.Detail);

        var flawedSet = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet().Append(Row("效益指标", "社会效益指标", "提高贫困人口生活水平率", "95人百分比"))));
        await fixture.Stack.RegistryKnowsIndicatorSetAsync(project.Code, flawedSet.Version);
        var flawed = await Assert.ThrowsAsync<RpcException>(() => fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, flawed.StatusCode);
        Assert.Contains("95人百分比", flawed.Status.Detail);
        Assert.Equal(ProjectStatus.Draft, (await fixture.Registry.GetProjectAsync(new GetProjectRequest { ProjectCode = project.Code })).Status);

        var soundSet = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet()));
        await fixture.Stack.RegistryKnowsIndicatorSetAsync(project.Code, soundSet.Version);
        var submitted = await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code });
        Assert.Equal(ProjectStatus.Submitted, submitted.Status);
    }

    [Fact]
    public async Task Copies_that_began_after_the_filing_catch_up_when_the_operator_announces_projects_and_sets()
    {
        var project = await fixture.NewProjectAsync();
        var set = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet()));
        await fixture.Stack.RegistryKnowsIndicatorSetAsync(project.Code, set.Version);
        // As after the migrations that started both copies empty on a platform already in use.
        await Sql(PlatformStack.Indicators, "DELETE FROM projects WHERE code = @code", project.Code);
        await Sql(PlatformStack.Registry, "DELETE FROM known_indicator_sets WHERE project_code = @code", project.Code);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var empty = await Assert.ThrowsAsync<RpcException>(() => fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code }).ResponseAsync);
        Assert.Contains("指标集为空", empty.Status.Detail);

        var projects = await fixture.Stack[PlatformStack.Registry].RunCommandAsync("--announce-projects");
        Assert.True(projects.ExitCode == 0, projects.Output);
        var sets = await fixture.Stack[PlatformStack.Indicators].RunCommandAsync("--announce-indicator-sets");
        Assert.True(sets.ExitCode == 0, sets.Output);
        Assert.Contains("indicator sets announced", sets.Output);

        await fixture.Stack.CatalogueKnowsProjectAsync(project.Code, project.Version);
        await fixture.Stack.RegistryKnowsIndicatorSetAsync(project.Code, set.Version);
        Assert.Equal(SoundSet(), (await fixture.Catalogue.GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = project.Code })).Indicators.Select(i => i.Indicator));
        Assert.Equal(ProjectStatus.Submitted, (await fixture.Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code })).Status);
    }

    private async Task Sql(string service, string sql, string code)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.PgConnectionString(fixture.Stack.Database(service)));
        await connection.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("code", code);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Actual_values_are_recorded_beside_the_targets_and_survive_an_unchanged_indicator()
    {
        var project = await fixture.NewProjectAsync();
        await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet()));
        var recorded = await fixture.Catalogue.RecordActualsAsync(new RecordActualsRequest
        {
            ProjectCode = project.Code, Period = "mid_year",
            Values = { new RecordActualsRequest.Types.ActualEntry { IndicatorIndex = 0, Value = "30120人" } },
        });
        Assert.Equal("30120人", recorded.Indicators[0].Actuals.Single().Value);
        var changed = SoundSet();
        changed[1].Target = "≥95百分比";
        var replaced = await fixture.Catalogue.PutIndicatorSetAsync(Put(project, changed));
        Assert.Equal("30120人", replaced.Indicators[0].Actuals.Single().Value);

        var bad = await Assert.ThrowsAsync<RpcException>(() => fixture.Catalogue.RecordActualsAsync(new RecordActualsRequest
        {
            ProjectCode = project.Code, Period = "q3", Values = { new RecordActualsRequest.Types.ActualEntry { IndicatorIndex = 9, Value = "" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("period", bad.Status.Detail);
    }

    [Fact]
    public async Task Every_replacement_publishes_the_whole_set_with_its_version()
    {
        await using var recorder = await EventRecorder.StartAsync(fixture.Stack.VirtualHost, typeof(IndicatorSetReplaced));
        var project = await fixture.NewProjectAsync();
        var degenerate = SoundSet();
        degenerate[4].Target = "≥100百分比";
        await fixture.Catalogue.PutIndicatorSetAsync(Put(project, degenerate));
        await fixture.Catalogue.PutIndicatorSetAsync(Put(project, SoundSet().Take(4)));
        await recorder.WaitUntilAsync(r => r.Of<IndicatorSetReplaced>().Count(e => e.ProjectCode == project.Code) >= 2,
            TimeSpan.FromSeconds(30), "two IndicatorSetReplaced events");
        var events = recorder.Of<IndicatorSetReplaced>().Where(e => e.ProjectCode == project.Code).OrderBy(e => e.Version).ToList();
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.Equal(4, events[1].Indicators.Count);
        Assert.Equal("deadline", events[0].Indicators[2].TargetKind);
        // Findings travel with the indicator they are on, and add up to the set's (set-wide findings come on top).
        Assert.Equal(1, events[0].Indicators[4].Findings!.Warnings);
        Assert.Equal(events[0].Findings.Warnings, events[0].Indicators.Sum(i => i.Findings!.Warnings));
        Assert.All(events[0].Indicators.Take(4), i => Assert.Equal(0, i.Findings!.Errors + i.Findings.Warnings));
        Assert.Equal((CatalogueFixture.Division, CatalogueFixture.Unit, 2021), (events[0].DivisionCode, events[0].UnitCode, events[0].Year));
    }
}
