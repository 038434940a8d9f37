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
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                NameClaimType = PerfClaims.Name,
                RoleClaimType = PerfClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                jwt.Authority = options.Authority;
                parameters.ValidateIssuer = false;
            }
            else
            {
                parameters.IssuerSigningKey = new SymmetricSecurityKey(options.ResolveSigningKey());
            }
            jwt.TokenValidationParameters = parameters;
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        return builder;
    }
}
