using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PerfPlatform.ServiceDefaults.Auth;

public static class AuthSetup
{
    /// <summary>The authority's tokens when development tokens are accepted too (alone, the authority's scheme is the default one).</summary>
    public const string ProviderScheme = "Provider";
    private const string ByIssuerScheme = "ByIssuer";

    /// <summary>
    /// JWT bearer on every endpoint unless it allows anonymous access explicitly: tokens of the development key, of the
    /// OIDC authority, or of either, chosen by the issuer the token names; each validated by its own scheme, so that a
    /// development key never vouches for the authority's issuer.
    /// </summary>
    public static WebApplicationBuilder AddPerfAuthentication(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var hasAuthority = !string.IsNullOrWhiteSpace(options.Authority);
        var hasKey = options.HasSigningKey || !hasAuthority;
        var providerScheme = hasKey ? ProviderScheme : JwtBearerDefaults.AuthenticationScheme;
        var authentication = builder.Services.AddAuthentication(hasKey && hasAuthority ? ByIssuerScheme : JwtBearerDefaults.AuthenticationScheme);
        if (hasKey)
        {
            var issuer = hasAuthority || string.IsNullOrWhiteSpace(options.Issuer) ? AuthOptions.DevelopmentIssuer : options.Issuer;
            var key = new SymmetricSecurityKey(options.ResolveSigningKey());
            authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = Parameters(options, issuer, key);
                jwt.Events = new JwtBearerEvents { OnChallenge = TokenRefusal.WriteAsync };
            });
        }
        if (hasAuthority)
            authentication.AddJwtBearer(providerScheme, jwt =>
            {
                // Keys and, unless Auth:Issuer names one, the valid issuer come from the authority's discovery
                // document; the issuer is always checked, so a token another realm of the same provider signed fails.
                jwt.Authority = options.Authority;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = Parameters(options, string.IsNullOrWhiteSpace(options.Issuer) ? null : options.Issuer, null);
                jwt.Events = new JwtBearerEvents
                {
                    OnChallenge = TokenRefusal.WriteAsync,
                    OnTokenValidated = context =>
                    {
                        context.Principal = options.Claims.ToPlatform(context.Principal!, providerScheme);
                        return Task.CompletedTask;
                    },
                };
            });
        if (hasKey && hasAuthority)
            authentication.AddPolicyScheme(ByIssuerScheme, "Development or provider token", policy =>
                policy.ForwardDefaultSelector = context => IsDevelopmentToken(context) ? JwtBearerDefaults.AuthenticationScheme : ProviderScheme);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    private static TokenValidationParameters Parameters(AuthOptions options, string? issuer, SecurityKey? key) => new()
    {
        ValidAudience = options.Audience,
        ValidIssuer = issuer,
        IssuerSigningKey = key,
        NameClaimType = PerfClaims.Name,
        RoleClaimType = PerfClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <summary>Whether the bearer token (unvalidated, only to choose the scheme that validates it) names the development issuer.</summary>
    private static bool IsDevelopmentToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var handler = new JsonWebTokenHandler();
        var token = header["Bearer ".Length..].Trim();
        try { return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Issuer == AuthOptions.DevelopmentIssuer; }
        catch (ArgumentException) { return false; } // malformed: the provider's scheme says so in the usual words
    }
}
