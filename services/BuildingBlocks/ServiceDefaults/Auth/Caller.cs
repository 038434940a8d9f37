using System.Security.Claims;
using Grpc.Core;
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

    /// <summary>The units a department acts for, as "division:unit"; empty for other roles.</summary>
    public IReadOnlyCollection<string> UnitKeys => _units;

    public bool CanActFor(string divisionCode, string unitCode) =>
        IsFinance || (IsDepartment && _units.Contains(PerfClaims.UnitValue(divisionCode, unitCode)));

    /// <summary>A department acts for a department when it holds one of its units (unit code = department + 3 digits).</summary>
    public bool CanActForDepartment(string divisionCode, string departmentCode) =>
        IsFinance || (IsDepartment && _units.Any(u => u.StartsWith($"{divisionCode}:{departmentCode}", StringComparison.Ordinal)));

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
