using Grpc.Core;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.ServiceDefaults.Auth;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

/// <summary>The service checks the token itself, not only the gateway.</summary>
public sealed class AccessTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task A_department_of_another_unit_neither_reads_lists_nor_changes_the_project()
    {
        var p = await fixture.Finance.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        var other = fixture.DepartmentOf(RegistryFixture.OtherUnit);
        var (error, _) = await Errors.Expect(StatusCode.NotFound, () => other.GetProjectAsync(new GetProjectRequest { ProjectCode = p.Code }).ResponseAsync);
        Assert.DoesNotContain(p.Name, error.Status.Detail);
        await Errors.Expect(StatusCode.PermissionDenied, () => other.ListProjectsAsync(new ListProjectsRequest
        {
            DivisionCode = RegistryFixture.Division, UnitCode = RegistryFixture.Unit,
        }).ResponseAsync);
        await Errors.Expect(StatusCode.NotFound, () => other.UpdateProjectAsync(new UpdateProjectRequest
        {
            ProjectCode = p.Code, Project = new Project { Version = 1, Name = "越权修改" },
        }).ResponseAsync);
        await Errors.Expect(StatusCode.NotFound, () => other.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = p.Code }).ResponseAsync);
        await Errors.Expect(StatusCode.NotFound, () => other.ListAuditEntriesAsync(new ListAuditEntriesRequest { ProjectCode = p.Code }).ResponseAsync);
        await Errors.Expect(StatusCode.PermissionDenied, () => other.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase(), RegistryFixture.Unit)).ResponseAsync);
        // Filing under its own unit with the other unit's code: refused, without naming the other unit's project.
        var taken = Samples.VehiclePurchase(p.Code);
        taken.Name = "本单位项目";
        var (conflict, fields) = await Errors.Expect(StatusCode.AlreadyExists,
            () => other.CreateProjectAsync(Samples.Create(taken, RegistryFixture.OtherUnit)).ResponseAsync);
        Assert.Equal(["project.code"], fields);
        Assert.DoesNotContain(p.Name, conflict.Status.Detail);
        Assert.Equal(p, await fixture.Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = p.Code }));
    }

    [Fact]
    public async Task A_department_files_and_reads_its_own_units_projects()
    {
        var own = fixture.DepartmentOf(RegistryFixture.Unit);
        var p = await own.CreateProjectAsync(Samples.Create(Samples.VehiclePurchase()));
        Assert.Equal(p, await own.GetProjectAsync(new GetProjectRequest { ProjectCode = p.Code }));
        var list = await own.ListProjectsAsync(new ListProjectsRequest { DivisionCode = RegistryFixture.Division, UnitCode = RegistryFixture.Unit });
        Assert.Contains(list.Projects, x => x.Code == p.Code);
    }

    /// <summary>
    /// 434001 is the department's own unit (本级); 434002 (金融服务中心) is a unit of the same department: it reads the
    /// department's goals but may not replace them, nor set them first.
    /// </summary>
    [Fact]
    public async Task Department_goals_are_set_by_the_department_s_own_unit_and_only_read_by_its_other_units()
    {
        var request = new SetDepartmentGoalsRequest
        {
            DivisionCode = RegistryFixture.Division, DepartmentCode = RegistryFixture.Department, Year = 2021,
            OverallGoal = "政府办2021年共有年初项目6个，共涉及资金290.05万元。", ItemGoals = { "1、金融服务中心办公经费" },
            SafeguardMeasures = "加强绩效管理组织领导。",
        };
        var own = fixture.DepartmentOf(RegistryFixture.Unit);
        var stored = await own.SetDepartmentGoalsAsync(request);

        var subordinate = fixture.DepartmentOf(RegistryFixture.OtherUnit);
        var replacement = request.Clone();
        replacement.OverallGoal = "金融服务中心改写的部门目标";
        replacement.Version = stored.Version;
        await Errors.Expect(StatusCode.PermissionDenied, () => subordinate.SetDepartmentGoalsAsync(replacement).ResponseAsync);
        var firstOfAnotherYear = replacement.Clone();
        firstOfAnotherYear.Year = 2022;
        firstOfAnotherYear.Version = 0;
        await Errors.Expect(StatusCode.PermissionDenied, () => subordinate.SetDepartmentGoalsAsync(firstOfAnotherYear).ResponseAsync);

        var get = new GetDepartmentGoalsRequest { DivisionCode = RegistryFixture.Division, DepartmentCode = RegistryFixture.Department, Year = 2021 };
        Assert.Equal(stored, await subordinate.GetDepartmentGoalsAsync(get));
        var otherDepartment = fixture.ClientFor(fixture.Stack.DepartmentToken(RegistryFixture.Division, "435001"));
        await Errors.Expect(StatusCode.PermissionDenied, () => otherDepartment.SetDepartmentGoalsAsync(replacement).ResponseAsync);
        await Errors.Expect(StatusCode.NotFound, () => otherDepartment.GetDepartmentGoalsAsync(get).ResponseAsync);

        // Nothing changed: the same goals, one audit entry, and no goals for the other year.
        Assert.Equal(stored, await fixture.Finance.GetDepartmentGoalsAsync(get));
        var audit = await fixture.Finance.ListAuditEntriesAsync(new ListAuditEntriesRequest
        {
            EntityType = "department_goals", EntityKey = $"{RegistryFixture.Division}/{RegistryFixture.Department}/2021",
        });
        Assert.Equal("create", Assert.Single(audit.Entries).Action);
        get.Year = 2022;
        await Errors.Expect(StatusCode.NotFound, () => fixture.Finance.GetDepartmentGoalsAsync(get).ResponseAsync);
    }

    [Fact]
    public async Task Only_the_finance_role_registers_reference_data()
    {
        var own = fixture.DepartmentOf(RegistryFixture.Unit);
        await Errors.Expect(StatusCode.PermissionDenied, () => own.CreateDivisionAsync(new CreateDivisionRequest { Code = "130637", Name = "某县" }).ResponseAsync);
        await Errors.Expect(StatusCode.PermissionDenied, () => own.CreateUnitAsync(new CreateUnitRequest
        {
            DivisionCode = RegistryFixture.Division, Code = "434009", DepartmentCode = "434", Name = "新单位",
        }).ResponseAsync);
    }

    [Fact]
    public async Task No_token_an_expired_token_or_a_foreign_signature_is_unauthenticated()
    {
        var request = new ListDivisionsRequest();
        var expired = DevTokens.Issue(fixture.Stack.SigningKey, "finance-test", PerfClaims.FinanceRole, [], TimeSpan.FromHours(-1),
            "perfplatform-local", "perfplatform");
        var foreign = DevTokens.Finance(Convert.FromBase64String(DevTokens.NewSigningKey()));
        foreach (var token in new string?[] { null, expired, foreign, "not-a-jwt" })
            await Errors.Expect(StatusCode.Unauthenticated, () => fixture.ClientFor(token!).ListDivisionsAsync(request).ResponseAsync);
    }
}
