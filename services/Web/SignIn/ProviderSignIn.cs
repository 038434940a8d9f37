using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PerfPlatform.ServiceDefaults.Auth;

namespace PerfPlatform.Web.SignIn;

/// <summary>The county's identity provider (section Oidc); without an Authority the console has no provider sign-in.</summary>
public sealed class ProviderOptions
{
    public const string Section = "Oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Scopes asked for besides openid, separated by spaces: those that put role, division and units in the tokens.</summary>
    public string Scopes { get; set; } = "profile";
    /// <summary>Off only for a provider on plain HTTP (the tests' provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>The claims that carry role, division and units; the gateway's Auth:Claims name the same.</summary>
    public ProviderClaims Claims { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// OpenID Connect sign-in: authorization code with PKCE; the session is the provider's access token (passed to the
/// gateway as the development token is) with the role and units it carries, and ends when that token does.
/// </summary>
public static class ProviderSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string Path = "/signin/oidc";

    public static AuthenticationBuilder AddProviderSignIn(this AuthenticationBuilder authentication, ProviderOptions options) =>
        authentication.AddOpenIdConnect(Scheme, oidc =>
        {
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
            oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
            oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // The code comes back on a top-level GET, which carries SameSite=Lax cookies; form_post would need SameSite=None,
            // which browsers accept only over HTTPS.
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CorrelationCookie.SameSite = oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            // The session's claims are made below; the handler's default clean-up would delete their exp.
            oidc.ClaimActions.Clear();
            // The id token stays in the session for the provider's sign-out (id_token_hint).
            oidc.SaveTokens = true;
            oidc.Scope.Clear();
            oidc.Scope.Add(OpenIdConnectScope.OpenId);
            foreach (var scope in options.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) oidc.Scope.Add(scope);
            oidc.Events.OnTokenValidated = context =>
            {
                var accessToken = context.TokenEndpointResponse?.AccessToken
                    ?? throw new InvalidOperationException("The identity provider answered without an access token.");
                var lifetime = int.TryParse(context.TokenEndpointResponse.ExpiresIn, out var seconds) ? seconds : 3600;
                var expires = DateTimeOffset.UtcNow.AddSeconds(lifetime);
                context.Principal = Session(context.Principal!, accessToken, expires, options.Claims);
                context.Properties!.ExpiresUtc = expires;
                context.Properties.IsPersistent = false;
                context.Properties.AllowRefresh = false;
                return Task.CompletedTask;
            };
            // A sign-in that did not complete (refused at the provider, a stale or forged callback) goes back to the
            // sign-in page with a message instead of an error page.
            oidc.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect($"{SignInSetup.SignInPath}?failed=true");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });

    /// <summary>
    /// The session's claims as a development sign-in has them. Role and units are read where the gateway reads them, in
    /// the access token, when it is a JWT (the console only shows what the gateway will allow); else in the id token.
    /// </summary>
    private static ClaimsPrincipal Session(ClaimsPrincipal idToken, string accessToken, DateTimeOffset expires, ProviderClaims names)
    {
        var handler = new JsonWebTokenHandler();
        var source = handler.CanReadToken(accessToken) ? new ClaimsPrincipal(new ClaimsIdentity(handler.ReadJsonWebToken(accessToken).Claims)) : idToken;
        var claims = names.PlatformClaims(source)
            .Append(new Claim("sub", idToken.FindFirst("sub")?.Value ?? ""))
            .Append(new Claim("exp", expires.ToUnixTimeSeconds().ToString()))
            .Append(new Claim(SessionUser.AccessTokenClaim, accessToken));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PerfClaims.Name, PerfClaims.Role));
    }

    /// <summary>Signs out of the console and, when the session came from the provider, of the provider too; then back to sign-in.</summary>
    public static async Task SignOutAsync(HttpContext context, string returnPath)
    {
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var fromProvider = session.Properties?.GetTokenValue(OpenIdConnectParameterNames.IdToken) is not null
            && context.RequestServices.GetRequiredService<ProviderOptions>().IsConfigured;
        // The provider's first (it reads the id token from the session), then the console's own cookie.
        if (fromProvider) await context.SignOutAsync(Scheme, new AuthenticationProperties { RedirectUri = returnPath });
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!fromProvider) context.Response.Redirect(returnPath);
    }
}
