using Grpc.Core;
using PerfPlatform.Protos.Registry.V1;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

public sealed class ReferenceDataTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Registering_the_same_unit_again_is_a_no_op_and_a_different_name_a_conflict()
    {
        var request = new CreateUnitRequest
        {
            DivisionCode = RegistryFixture.Division, Code = RegistryFixture.Unit, DepartmentCode = RegistryFixture.Department,
            Name = "顺平县人民政府办公室（本级）",
        };
        var again = await fixture.Finance.CreateUnitAsync(request);
        Assert.Equal(request.Name, again.Name);
        request.Name = "别的名称";
        var (_, fields) = await Errors.Expect(StatusCode.AlreadyExists, () => fixture.Finance.CreateUnitAsync(request).ResponseAsync);
        Assert.Equal(["code"], fields);
        var units = await fixture.Finance.ListUnitsAsync(new ListUnitsRequest { DivisionCode = RegistryFixture.Division });
        Assert.Equal("顺平县人民政府办公室（本级）", units.Units.Single(u => u.Code == RegistryFixture.Unit).Name);
    }

    [Theory]
    [InlineData("130636", "435001", "434", "code")]
    [InlineData("130636", "43400", "434", "code")]
    [InlineData("13063", "434001", "434", "division_code")]
    [InlineData("130636", "434001", "4340", "department_code")]
    public async Task Malformed_unit_codes_are_refused_naming_the_field(string division, string unit, string department, string field)
    {
        var (_, fields) = await Errors.Expect(StatusCode.InvalidArgument, () => fixture.Finance.CreateUnitAsync(new CreateUnitRequest
        {
            DivisionCode = division, Code = unit, DepartmentCode = department, Name = "单位",
        }).ResponseAsync);
        Assert.Contains(field, fields);
    }

    [Fact]
    public async Task A_unit_of_an_unregistered_department_is_a_failed_precondition()
    {
        await Errors.Expect(StatusCode.FailedPrecondition, () => fixture.Finance.CreateUnitAsync(new CreateUnitRequest
        {
            DivisionCode = RegistryFixture.Division, Code = "999001", DepartmentCode = "999", Name = "不存在部门的单位",
        }).ResponseAsync);
    }

    [Fact]
    public async Task Department_goals_are_replaced_by_a_put_and_versioned()
    {
        var request = new SetDepartmentGoalsRequest
        {
            DivisionCode = RegistryFixture.Division, DepartmentCode = RegistryFixture.Department, Year = 2021,
            OverallGoal = "政府办2021年共有年初项目6个，其中金融服务中心两个，共涉及资金290.05万元。",
            ItemGoals = { "1、金融服务中心办公经费", "2、县委县政府办公区网络改造经费" },
            SafeguardMeasures = "加强绩效管理组织领导。",
        };
        var department = fixture.DepartmentOf(RegistryFixture.Unit);
        var first = await department.SetDepartmentGoalsAsync(request);
        Assert.Equal(await department.SetDepartmentGoalsAsync(request), first);
        request.ItemGoals.Add("3、公务用车购置费");
        request.Version = first.Version;
        var second = await department.SetDepartmentGoalsAsync(request);
        Assert.Equal(first.Version + 1, second.Version);
        var read = await fixture.Finance.GetDepartmentGoalsAsync(new GetDepartmentGoalsRequest
        {
            DivisionCode = RegistryFixture.Division, DepartmentCode = RegistryFixture.Department, Year = 2021,
        });
        Assert.Equal(second, read);
    }

    [Fact]
    public async Task A_goals_put_based_on_a_stale_version_is_aborted_and_changes_nothing()
    {
        var request = new SetDepartmentGoalsRequest
        {
            DivisionCode = RegistryFixture.Division, DepartmentCode = RegistryFixture.Department, Year = 2022,
            OverallGoal = "保障政府办各项工作正常运转。", ItemGoals = { "1、公务用车购置费" }, SafeguardMeasures = "加强绩效管理。",
        };
        var department = fixture.DepartmentOf(RegistryFixture.Unit);
        var first = await department.SetDepartmentGoalsAsync(request);
        // The finance bureau changes them at the version it read.
        var byFinance = request.Clone();
        byFinance.OverallGoal = "保障政府办各项工作正常运转，压减一般性支出。";
        byFinance.Version = first.Version;
        var stored = await fixture.Finance.SetDepartmentGoalsAsync(byFinance);
        Assert.Equal(first.Version + 1, stored.Version);

        // The department, still holding the first version, sends its own change: refused, not a silent overwrite.
        var stale = request.Clone();
        stale.ItemGoals.Add("2、电费");
        stale.Version = first.Version;
        var (error, _) = await Errors.Expect(StatusCode.Aborted, () => department.SetDepartmentGoalsAsync(stale).ResponseAsync);
        Assert.Contains($"当前版本 {stored.Version}", error.Status.Detail);
        // Nor may a first-time set (version 0) replace goals that exist.
        stale.Version = 0;
        await Errors.Expect(StatusCode.Aborted, () => department.SetDepartmentGoalsAsync(stale).ResponseAsync);
        // A version for goals never set is stale too, and a negative one is bad input.
        var unset = request.Clone();
        unset.Year = 2023;
        unset.Version = 3;
        await Errors.Expect(StatusCode.Aborted, () => department.SetDepartmentGoalsAsync(unset).ResponseAsync);
        unset.Version = -1;
        Assert.Equal(["version"], (await Errors.Expect(StatusCode.InvalidArgument, () => department.SetDepartmentGoalsAsync(unset).ResponseAsync)).Fields);

        var get = new GetDepartmentGoalsRequest { DivisionCode = RegistryFixture.Division, DepartmentCode = RegistryFixture.Department, Year = 2022 };
        Assert.Equal(stored, await fixture.Finance.GetDepartmentGoalsAsync(get));
        get.Year = 2023;
        await Errors.Expect(StatusCode.NotFound, () => fixture.Finance.GetDepartmentGoalsAsync(get).ResponseAsync);
        // The stored goals sent again at the stale version are answered as stored: nothing would be lost.
        byFinance.Version = first.Version;
        Assert.Equal(stored, await department.SetDepartmentGoalsAsync(byFinance));
    }

    /// <summary>
    /// Eight identical requests at once for what does not exist yet: one inserts, the others lose the race on the key and
    /// must answer as a repeated request does (the stored record), not with a bare "记录已存在". Several rounds, since a
    /// round may happen not to interleave.
    /// </summary>
    [Fact]
    public async Task Identical_creates_at_once_all_succeed_leaving_one_record_and_one_audit_entry()
    {
        var finance = fixture.Finance;
        for (var round = 0; round < 4; round++)
        {
            var division = $"1307{20 + round}";
            var divisions = await EightAtOnce(() => finance.CreateDivisionAsync(new CreateDivisionRequest { Code = division, Name = "并发县" }).ResponseAsync);
            Assert.All(divisions, d => Assert.Equal(divisions[0], d));
            var departments = await EightAtOnce(() => finance.CreateDepartmentAsync(
                new CreateDepartmentRequest { DivisionCode = division, Code = "501", Name = "并发局" }).ResponseAsync);
            Assert.All(departments, d => Assert.Equal(departments[0], d));
            var units = await EightAtOnce(() => finance.CreateUnitAsync(
                new CreateUnitRequest { DivisionCode = division, Code = "501001", DepartmentCode = "501", Name = "并发局（本级）" }).ResponseAsync);
            Assert.All(units, u => Assert.Equal(units[0], u));
            var goals = await EightAtOnce(() => finance.SetDepartmentGoalsAsync(new SetDepartmentGoalsRequest
            {
                DivisionCode = division, DepartmentCode = "501", Year = 2021, OverallGoal = "总体目标", ItemGoals = { "分项一" },
            }).ResponseAsync);
            Assert.All(goals, g => Assert.Equal(goals[0], g));
            Assert.Equal(1, goals[0].Version);

            Assert.Single((await finance.ListDivisionsAsync(new ListDivisionsRequest())).Divisions, d => d.Code == division);
            Assert.Single((await finance.ListUnitsAsync(new ListUnitsRequest { DivisionCode = division })).Units);
            foreach (var (type, key) in new[] { ("division", division), ("department", $"{division}/501"), ("unit", $"{division}/501001"),
                         ("department_goals", $"{division}/501/2021") })
            {
                var audit = await finance.ListAuditEntriesAsync(new ListAuditEntriesRequest { EntityType = type, EntityKey = key });
                Assert.Equal("create", Assert.Single(audit.Entries).Action);
            }
        }
    }

    [Fact]
    public async Task Different_creates_of_one_code_at_once_leave_one_and_refuse_the_others_naming_the_code()
    {
        const string division = "130730";
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                return (Name: (await fixture.Finance.CreateDivisionAsync(new CreateDivisionRequest { Code = division, Name = $"县{i}" })).Name,
                    Fields: (IReadOnlyList<string>)[]);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                return (Name: "", Fields: e.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? []);
            }
        }));
        var stored = Assert.Single(outcomes, o => o.Name.Length > 0).Name;
        Assert.All(outcomes.Where(o => o.Name.Length == 0), o => Assert.Equal(["code"], o.Fields));
        Assert.Equal(stored, (await fixture.Finance.ListDivisionsAsync(new ListDivisionsRequest())).Divisions.Single(d => d.Code == division).Name);
    }

    private static Task<T[]> EightAtOnce<T>(Func<Task<T>> call) => Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(call)));

    [Fact]
    public async Task The_audit_of_reference_data_is_readable_by_the_finance_role_only()
    {
        var unitKey = $"{RegistryFixture.Division}/{RegistryFixture.Unit}";
        var audit = await fixture.Finance.ListAuditEntriesAsync(new ListAuditEntriesRequest { EntityType = "unit", EntityKey = unitKey });
        var created = Assert.Single(audit.Entries);
        Assert.Equal(("unit", unitKey, "create"), (created.EntityType, created.EntityKey, created.Action));
        Assert.Contains("顺平县人民政府办公室（本级）", created.AfterJson);
        var units = await fixture.Finance.ListAuditEntriesAsync(new ListAuditEntriesRequest { EntityType = "unit" });
        Assert.Contains(units.Entries, e => e.EntityKey == $"{RegistryFixture.Division}/{RegistryFixture.OtherUnit}");
        Assert.All(units.Entries, e => Assert.Equal("unit", e.EntityType));

        await Errors.Expect(StatusCode.PermissionDenied, () => fixture.DepartmentOf(RegistryFixture.Unit)
            .ListAuditEntriesAsync(new ListAuditEntriesRequest { EntityType = "unit", EntityKey = unitKey }).ResponseAsync);
        var (_, fields) = await Errors.Expect(StatusCode.InvalidArgument,
            () => fixture.Finance.ListAuditEntriesAsync(new ListAuditEntriesRequest { EntityType = "budget" }).ResponseAsync);
        Assert.Equal(["entity_type"], fields);
        // GET /v1/audit?entityType=&entityKey=…: neither a project code nor a type, either of which says what to list.
        var (_, missing) = await Errors.Expect(StatusCode.InvalidArgument,
            () => fixture.Finance.ListAuditEntriesAsync(new ListAuditEntriesRequest { EntityKey = unitKey }).ResponseAsync);
        Assert.Equal(["project_code", "entity_type"], missing);
    }
}
