using System.Security.Claims;
using PerfPlatform.ServiceDefaults.Auth;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>Who may set and who may read a department's goals, read from a token's claims.</summary>
public sealed class CallerTests
{
    private static Caller Department(params string[] units) => new(new ClaimsPrincipal(new ClaimsIdentity(
        units.Select(u => new Claim(PerfClaims.Unit, u)).Prepend(new Claim(PerfClaims.Role, PerfClaims.DepartmentRole)), "test")));

    [Fact]
    public void Only_the_department_s_own_unit_acts_for_the_department()
    {
        Assert.True(Department("130636:434001").CanActForDepartment("130636", "434"));
        // A subordinate unit (434002, 金融服务中心) of the same department may not set its goals.
        Assert.False(Department("130636:434002").CanActForDepartment("130636", "434"));
        Assert.True(Department("130636:434002", "130636:434001").CanActForDepartment("130636", "434"));
        Assert.False(Department("130637:434001").CanActForDepartment("130636", "434"));
        Assert.False(Department("130636:435001").CanActForDepartment("130636", "434"));
        Assert.False(Department("130636:434001").CanActForDepartment("130636", "43"));
    }

    [Fact]
    public void Any_unit_of_the_department_reads_for_the_department()
    {
        Assert.True(Department("130636:434001").CanReadDepartment("130636", "434"));
        Assert.True(Department("130636:434002").CanReadDepartment("130636", "434"));
        Assert.False(Department("130637:434002").CanReadDepartment("130636", "434"));
        Assert.False(Department("130636:435001").CanReadDepartment("130636", "434"));
        Assert.False(Department("130636:434002").CanReadDepartment("130636", "43"));
        Assert.False(Department("130636:434002").CanReadDepartment("130636", "4340"));
    }

    [Fact]
    public void The_finance_role_acts_for_and_reads_every_department()
    {
        var finance = new Caller(new ClaimsPrincipal(new ClaimsIdentity([new Claim(PerfClaims.Role, PerfClaims.FinanceRole)], "test")));
        Assert.True(finance.CanActForDepartment("130636", "434"));
        Assert.True(finance.CanReadDepartment("130636", "434"));
    }

    [Fact]
    public void Units_without_the_department_role_scope_to_nothing()
    {
        var noRole = new Caller(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(PerfClaims.Role, "viewer"), new Claim(PerfClaims.Unit, "130636:434001")], "test")));
        Assert.Empty(noRole.UnitKeys);
        Assert.False(noRole.CanActFor("130636", "434001"));
        Assert.Equal(["130636:434001"], Department("130636:434001").UnitKeys);
    }
}
