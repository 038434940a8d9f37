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
