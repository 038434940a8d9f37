using System.Security.Claims;
using PerfPlatform.ServiceDefaults.Auth;

namespace PerfPlatform.Web.SignIn;

/// <summary>The signed-in user as the console sees them: the gateway token and what it allows (role, units).</summary>
public sealed class SessionUser(ClaimsPrincipal principal)
{
    /// <summary>The claim of the session cookie that holds the bearer token the console passes to the gateway.</summary>
    public const string AccessTokenClaim = "access_token";

    public ClaimsPrincipal Principal { get; } = principal;
    public bool IsSignedIn => Principal.Identity?.IsAuthenticated == true;
    public string? AccessToken => Principal.FindFirst(AccessTokenClaim)?.Value;
    public string Name => Principal.FindFirst(PerfClaims.Name)?.Value ?? Principal.FindFirst("sub")?.Value ?? "";
    /// <summary>When the token ends (its exp claim); the gateway allows some clock skew, the console none.</summary>
    public DateTimeOffset? ExpiresAt => long.TryParse(Principal.FindFirst("exp")?.Value, out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : null;
    public bool IsExpired => ExpiresAt is { } end && end <= DateTimeOffset.UtcNow;

    public bool IsFinance => Principal.HasClaim(PerfClaims.Role, PerfClaims.FinanceRole);
    public bool IsDepartment => Principal.HasClaim(PerfClaims.Role, PerfClaims.DepartmentRole);

    /// <summary>The units a department acts for, from its "division:unit" claims.</summary>
    public IReadOnlyList<UnitKey> Units => Principal.FindAll(PerfClaims.Unit)
        .Select(c => c.Value.Split(':'))
        .Where(p => p.Length == 2)
        .Select(p => new UnitKey(p[0], p[1]))
        .Distinct()
        .ToList();

    public bool CanActFor(string division, string unit) => IsFinance || Units.Contains(new UnitKey(division, unit));

    public string RoleLabel => IsFinance ? "财政部门" : IsDepartment ? "预算部门" : "访客";
}

public sealed record UnitKey(string Division, string Unit)
{
    public override string ToString() => $"{Division}/{Unit}";
}
