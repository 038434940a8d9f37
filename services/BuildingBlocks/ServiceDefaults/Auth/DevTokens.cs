using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PerfPlatform.ServiceDefaults.Auth;

/// <summary>Development tokens signed with the local key: perfctl token, tests, the demo.</summary>
public static class DevTokens
{
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Finance(byte[] key, string subject = "finance-local", TimeSpan? lifetime = null,
        string issuer = "perfplatform-local", string audience = "perfplatform") =>
        Issue(key, subject, PerfClaims.FinanceRole, [], lifetime, issuer, audience);

    public static string Department(byte[] key, IEnumerable<(string Division, string Unit)> units, string? subject = null,
        TimeSpan? lifetime = null, string issuer = "perfplatform-local", string audience = "perfplatform")
    {
        var list = units.ToList();
        subject ??= "department-" + string.Join("-", list.Select(u => $"{u.Division}-{u.Unit}"));
        return Issue(key, subject, PerfClaims.DepartmentRole, list, lifetime, issuer, audience);
    }

    /// <summary>Issues a token; a negative lifetime gives an already expired one (for tests of refusal).</summary>
    public static string Issue(byte[] key, string subject, string role, IEnumerable<(string Division, string Unit)> units,
        TimeSpan? lifetime, string issuer, string audience)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject), new(PerfClaims.Role, role), new(PerfClaims.Name, subject) };
        claims.AddRange(units.Select(u => new Claim(PerfClaims.Unit, PerfClaims.UnitValue(u.Division, u.Unit))));
        var now = DateTime.UtcNow;
        var life = lifetime ?? TimeSpan.FromHours(12);
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            NotBefore = life < TimeSpan.Zero ? now + life - TimeSpan.FromMinutes(10) : now.AddSeconds(-5),
            IssuedAt = life < TimeSpan.Zero ? now + life - TimeSpan.FromMinutes(10) : now,
            Expires = now + life,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
