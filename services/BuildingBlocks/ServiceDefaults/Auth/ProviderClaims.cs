using System.Security.Claims;

namespace PerfPlatform.ServiceDefaults.Auth;

/// <summary>
/// Which claims of an identity provider's tokens carry what the platform reads (role, division, units, name), and
/// which role values mean finance and department. The gateway, the services and the console map them the same way.
/// </summary>
public sealed class ProviderClaims
{
    public string Role { get; set; } = "role";
    public string Division { get; set; } = "division";
    /// <summary>The units, one claim each or several in one separated by commas or spaces: "434001" (with the division claim) or "130636:434001".</summary>
    public string Units { get; set; } = "units";
    public string Name { get; set; } = "name";
    public string FinanceRole { get; set; } = PerfClaims.FinanceRole;
    public string DepartmentRole { get; set; } = PerfClaims.DepartmentRole;

    private static readonly char[] Separators = [',', ' '];

    /// <summary>
    /// The provider's claims with the platform's role, unit and name claims in place of whatever of those names the
    /// provider sent itself: only the configured claims decide what the caller may do.
    /// </summary>
    public ClaimsPrincipal ToPlatform(ClaimsPrincipal provider, string authenticationType)
    {
        var kept = provider.Claims.Where(c => c.Type is not (PerfClaims.Role or PerfClaims.Unit or PerfClaims.Name))
            .Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer));
        var identity = new ClaimsIdentity(kept.Concat(PlatformClaims(provider)), authenticationType, PerfClaims.Name, PerfClaims.Role);
        return new ClaimsPrincipal(identity);
    }

    public IEnumerable<Claim> PlatformClaims(ClaimsPrincipal provider)
    {
        var roles = provider.FindAll(Role).SelectMany(c => c.Value.Split(Separators, StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        if (roles.Contains(FinanceRole)) yield return new Claim(PerfClaims.Role, PerfClaims.FinanceRole);
        if (roles.Contains(DepartmentRole)) yield return new Claim(PerfClaims.Role, PerfClaims.DepartmentRole);

        var division = provider.FindFirst(Division)?.Value.Trim();
        var units = provider.FindAll(Units).SelectMany(c => c.Value.Split(Separators, StringSplitOptions.RemoveEmptyEntries));
        foreach (var unit in units.Distinct())
        {
            if (unit.Contains(':')) yield return new Claim(PerfClaims.Unit, unit);
            else if (!string.IsNullOrEmpty(division)) yield return new Claim(PerfClaims.Unit, PerfClaims.UnitValue(division, unit));
        }

        var name = provider.FindFirst(Name)?.Value ?? provider.FindFirst("sub")?.Value;
        if (name is not null) yield return new Claim(PerfClaims.Name, name);
    }
}
