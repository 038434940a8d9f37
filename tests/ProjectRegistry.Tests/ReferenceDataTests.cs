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
        var second = await department.SetDepartmentGoalsAsync(request);
        Assert.Equal(first.Version + 1, second.Version);
        var read = await fixture.Finance.GetDepartmentGoalsAsync(new GetDepartmentGoalsRequest
        {
            DivisionCode = RegistryFixture.Division, DepartmentCode = RegistryFixture.Department, Year = 2021,
        });
        Assert.Equal(second, read);
    }

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
    }
}
