using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace PerfPlatform.ServiceDefaults.Auth;

public static class AuthSetup
{
    /// <summary>JWT bearer on every endpoint unless it allows anonymous access explicitly.</summary>
    public static WebApplicationBuilder AddPerfAuthentication(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            var parameters = new TokenValidationParameters
            {
                ValidAudience = options.Audience,
                NameClaimType = PerfClaims.Name,
                RoleClaimType = PerfClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                // Keys and, unless Auth:Issuer names one, the valid issuer come from the authority's discovery
                // document; the issuer is always checked, so a token another realm of the same provider signed fails.
                jwt.Authority = options.Authority;
                parameters.ValidIssuer = string.IsNullOrWhiteSpace(options.Issuer) ? null : options.Issuer;
            }
            else
            {
                parameters.ValidIssuer = string.IsNullOrWhiteSpace(options.Issuer) ? AuthOptions.DevelopmentIssuer : options.Issuer;
                parameters.IssuerSigningKey = new SymmetricSecurityKey(options.ResolveSigningKey());
            }
            jwt.TokenValidationParameters = parameters;
            jwt.Events = new JwtBearerEvents { OnChallenge = TokenRefusal.WriteAsync };
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        return builder;
    }
}
