namespace PerfPlatform.ServiceDefaults.Auth;

/// <summary>The claims PerfPlatform reads from a bearer token.</summary>
public static class PerfClaims
{
    public const string Role = "role";
    /// <summary>One claim per unit the caller may act for, as "division:unit" (e.g. "130636:434001").</summary>
    public const string Unit = "perf_unit";
    public const string Name = "name";

    public const string FinanceRole = "finance";
    public const string DepartmentRole = "department";

    public static string UnitValue(string divisionCode, string unitCode) => $"{divisionCode}:{unitCode}";
}

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// OIDC authority in production; when set, its access tokens are accepted (keys from its discovery document), beside
    /// development tokens when a signing key is configured too.
    /// </summary>
    public string? Authority { get; set; }
    /// <summary>Off only for a provider on plain HTTP (the tests' provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>The claims of the authority's tokens that carry role, division and units.</summary>
    public ProviderClaims Claims { get; set; } = new();
    /// <summary>Base64 HMAC key for development; or a file that holds it (deploy/local/up writes .local/dev-signing.key).</summary>
    public string? SigningKey { get; set; }
    public string? SigningKeyFile { get; set; }
    /// <summary>
    /// The issuer tokens must name. With an authority, unset means the issuer its discovery document states; with only a
    /// signing key, unset means <see cref="DevelopmentIssuer"/>, the issuer perfctl and the tests sign with (with both,
    /// this names the authority's issuer and development tokens name <see cref="DevelopmentIssuer"/>).
    /// </summary>
    public string? Issuer { get; set; }
    public const string DevelopmentIssuer = "perfplatform-local";
    public string Audience { get; set; } = "perfplatform";

    public bool HasSigningKey => !string.IsNullOrWhiteSpace(SigningKey) || !string.IsNullOrWhiteSpace(SigningKeyFile);

    public byte[] ResolveSigningKey()
    {
        var text = SigningKey;
        if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(SigningKeyFile))
            text = File.ReadAllText(SigningKeyFile);
        if (string.IsNullOrWhiteSpace(text))
            throw new InvalidOperationException("Auth: set Auth:Authority, Auth:SigningKey or Auth:SigningKeyFile.");
        var key = Convert.FromBase64String(text.Trim());
        if (key.Length < 32) throw new InvalidOperationException("Auth: the signing key must be at least 256 bits.");
        return key;
    }
}
