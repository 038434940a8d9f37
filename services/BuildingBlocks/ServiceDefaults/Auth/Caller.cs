using System.Security.Claims;
using Grpc.Core;
using PerfPlatform.Contracts;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.ServiceDefaults.Auth;

/// <summary>Who is calling, read from the validated token: the finance role sees everything, a department its units.</summary>
public sealed class Caller
{
    private readonly HashSet<string> _units;

    public Caller(ClaimsPrincipal user)
    {
        Subject = user.FindFirst("sub")?.Value ?? user.Identity?.Name ?? "anonymous";
        IsFinance = user.HasClaim(PerfClaims.Role, PerfClaims.FinanceRole);
        IsDepartment = user.HasClaim(PerfClaims.Role, PerfClaims.DepartmentRole);
        _units = user.FindAll(PerfClaims.Unit).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
    }

    public string Subject { get; }
    public bool IsFinance { get; }
    public bool IsDepartment { get; }

    /// <summary>
    /// The units a department acts for, as "division:unit"; empty for other roles, so that a token naming units without
    /// the department role (a provider's user not yet given a role) scopes every list to nothing.
    /// </summary>
    public IReadOnlyCollection<string> UnitKeys => IsDepartment ? _units : [];

    public bool CanActFor(string divisionCode, string unitCode) =>
        IsFinance || (IsDepartment && _units.Contains(PerfClaims.UnitValue(divisionCode, unitCode)));

    /// <summary>A department reads what belongs to a department (its goals) when it holds any of its units.</summary>
    public bool CanReadDepartment(string divisionCode, string departmentCode) =>
        IsFinance || (IsDepartment && _units.Any(u => IsUnitOfDepartment(u, divisionCode, departmentCode)));

    /// <summary>
    /// A department acts for a department (sets its goals) only when it holds the department's own unit (本级,
    /// <see cref="Codes.OwnUnitOfDepartment"/>): a subordinate unit such as 434002 may read department 434's goals, not set them.
    /// </summary>
    public bool CanActForDepartment(string divisionCode, string departmentCode) =>
        IsFinance || (IsDepartment && Codes.IsDepartment(departmentCode)
            && _units.Contains(PerfClaims.UnitValue(divisionCode, Codes.OwnUnitOfDepartment(departmentCode))));

    private static bool IsUnitOfDepartment(string unitKey, string divisionCode, string departmentCode)
    {
        var unit = unitKey.StartsWith(divisionCode + ":", StringComparison.Ordinal) ? unitKey[(divisionCode.Length + 1)..] : "";
        return Codes.IsUnit(unit) && Codes.DepartmentOfUnit(unit) == departmentCode;
    }

    public void RequireFinance(string action)
    {
        if (!IsFinance) throw new PermissionDeniedException($"只有财政部门可以{action}。");
    }

    public void RequireUnit(string divisionCode, string unitCode)
    {
        if (!CanActFor(divisionCode, unitCode))
            throw new PermissionDeniedException($"无权访问单位 {divisionCode}/{unitCode} 的数据。");
    }
}

public static class CallerExtensions
{
    public static Caller Caller(this ServerCallContext context) => new(context.GetHttpContext().User);
}
