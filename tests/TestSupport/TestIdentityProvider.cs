using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace PerfPlatform.TestSupport;

/// <summary>
/// A real OpenID Connect provider for the tests (OpenIddict's server, degraded mode: clients and users live in this
/// object, no database), on a loopback port over plain HTTP. Users sign in on its own login page by name, without a
/// password; their tokens carry role, division and units under the claim names a county's provider might use, which
/// the platform maps through its configuration (<see cref="PlatformSettings"/>, <see cref="ConsoleSettings"/>).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string RoleClaim = "perf_roles";
    public const string DivisionClaim = "division_code";
    public const string UnitsClaim = "unit_codes";
    public const string FinanceRole = "finance-bureau";
    public const string DepartmentRole = "budget-officer";
    public const string ClientId = "perf-console";
    public const string Audience = "perfplatform";
    private const string LoginScheme = "perf-idp";
    private const string LoginPath = "/account/login";

    private readonly Dictionary<string, TestUser> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _consoles = new(StringComparer.Ordinal);
    private WebApplication _app = null!;

    public string ClientSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    /// <summary>The key its tokens are signed with (published as its JWKS), for tests that need a token it did not issue itself.</summary>
    public RsaSecurityKey SigningKey { get; } = new(RSA.Create(2048)) { KeyId = "perf-test-idp" };
    public string Authority { get; private set; } = "";

    public static async Task<TestIdentityProvider> StartAsync(params TestUser[] users)
    {
        var provider = new TestIdentityProvider();
        foreach (var user in users) provider._users[user.Name] = user;
        provider.Authority = $"http://127.0.0.1:{TestEnvironment.FreePort()}/";
        provider._app = provider.Build();
        await provider._app.StartAsync();
        return provider;
    }

    /// <summary>Lets a console at this address sign in and out (its redirect URIs).</summary>
    public void AllowConsole(string consoleAddress) => _consoles.Add(consoleAddress.TrimEnd('/'));

    /// <summary>Environment for the gateway and services: accept this provider's access tokens (besides the development key).</summary>
    public IReadOnlyDictionary<string, string> PlatformSettings() => new Dictionary<string, string>
    {
        ["Auth__Authority"] = Authority,
        ["Auth__RequireHttpsMetadata"] = "false",
        ["Auth__Claims__Role"] = RoleClaim,
        ["Auth__Claims__Division"] = DivisionClaim,
        ["Auth__Claims__Units"] = UnitsClaim,
        ["Auth__Claims__FinanceRole"] = FinanceRole,
        ["Auth__Claims__DepartmentRole"] = DepartmentRole,
    };

    /// <summary>Environment for a console that signs in with this provider.</summary>
    public IReadOnlyDictionary<string, string> ConsoleSettings() => new Dictionary<string, string>
    {
        ["Oidc__Authority"] = Authority,
        ["Oidc__ClientId"] = ClientId,
        ["Oidc__ClientSecret"] = ClientSecret,
        ["Oidc__Scopes"] = "profile",
        ["Oidc__RequireHttpsMetadata"] = "false",
        ["Oidc__Claims__Role"] = RoleClaim,
        ["Oidc__Claims__Division"] = DivisionClaim,
        ["Oidc__Claims__Units"] = UnitsClaim,
        ["Oidc__Claims__FinanceRole"] = FinanceRole,
        ["Oidc__Claims__DepartmentRole"] = DepartmentRole,
    };

    /// <summary>An access token as this provider's would look, signed with the given key (its own by default): for expired or forged ones.</summary>
    public string AccessToken(TestUser user, DateTime expires, SecurityKey? key = null, string? issuer = null)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(UserClaims(user).Select(c => new Claim(c.Type, c.Value))),
            Issuer = issuer ?? Authority,
            Audience = Audience,
            IssuedAt = expires.AddMinutes(-10),
            NotBefore = expires.AddMinutes(-10),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private WebApplication Build()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(Authority.TrimEnd('/'));
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.Services.AddAuthentication(LoginScheme).AddCookie(LoginScheme, o =>
        {
            // Every loopback port shares cookies: the provider's own name keeps its session apart from the console's.
            o.Cookie.Name = LoginScheme;
            o.LoginPath = LoginPath;
        });
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetIssuer(new Uri(Authority))
                .SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/logout");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.Profile);
            options.AddSigningKey(SigningKey).AddEphemeralEncryptionKey();
            // Access tokens the gateway can read (JWS), as a county's provider issues them.
            options.DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();
            // Degraded mode checks no client by itself: these do, against the one console client.
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (!IsConsoleUri(context.RedirectUri, "/signin-oidc")) context.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.Request.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                return default;
            }));
            options.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is not null && !IsConsoleUri(context.PostLogoutRedirectUri, "/signout-callback-oidc"))
                    context.Reject(Errors.InvalidRequest, "Unknown post_logout_redirect_uri.");
                return default;
            }));
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet(LoginPath, (string? returnUrl) => LoginPage(returnUrl ?? "/", null));
        app.MapPost(LoginPath, (Func<HttpContext, Task<IResult>>)SignInAsync);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)AuthorizeAsync);
        app.MapPost("/connect/token", (Func<HttpContext, Task<IResult>>)ExchangeAsync);
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            await http.SignOutAsync(LoginScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        return app;
    }

    private bool IsConsoleUri(string? uri, string path) =>
        uri is not null && uri.EndsWith(path, StringComparison.Ordinal) && _consoles.Contains(uri[..^path.Length]);

    private async Task<IResult> SignInAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!returnUrl.StartsWith('/') || returnUrl.StartsWith("//")) returnUrl = "/";
        if (!_users.TryGetValue(form["username"].ToString().Trim(), out var user))
            return LoginPage(returnUrl, "用户名不存在。");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name)], LoginScheme);
        await http.SignInAsync(LoginScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    /// <summary>The signed-in user's code, or the login page first.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        var login = await http.AuthenticateAsync(LoginScheme);
        if (!login.Succeeded || !_users.TryGetValue(login.Principal!.Identity!.Name!, out var user))
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [LoginScheme]);

        var identity = new ClaimsIdentity(UserClaims(user), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, RoleClaim);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        principal.SetResources(Audience);
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The code, validated by OpenIddict (client, PKCE, expiry), becomes the tokens of the principal it carries, with
    /// the user's own access token lifetime when it has one.
    /// </summary>
    private async Task<IResult> ExchangeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()!;
        if (!request.IsAuthorizationCodeGrantType())
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.UnsupportedGrantType,
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
        if (_users.TryGetValue(principal.GetClaim(Claims.Subject) ?? "", out var user) && user.TokenLifetime is { } lifetime)
            principal.SetAccessTokenLifetime(lifetime);
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IEnumerable<Claim> UserClaims(TestUser user)
    {
        yield return new Claim(Claims.Subject, user.Name);
        yield return new Claim(Claims.Name, user.DisplayName);
        yield return new Claim(RoleClaim, user.Role);
        if (user.Division is not null) yield return new Claim(DivisionClaim, user.Division);
        if (user.Units.Length > 0) yield return new Claim(UnitsClaim, string.Join(',', user.Units));
    }

    private static IResult LoginPage(string returnUrl, string? error)
    {
        var alert = error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        return Results.Content($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>统一身份认证（测试）</title>
            <style>body{font-family:sans-serif;max-width:420px;margin:80px auto}label,input,button{display:block;margin:8px 0}</style></head>
            <body><h1>统一身份认证平台（测试）</h1>{{alert}}
            <form method="post" action="{{LoginPath}}">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl)}}">
            <label for="username">用户名</label><input id="username" name="username" autocomplete="username">
            <button type="submit">登录</button></form></body></html>
            """, "text/html; charset=utf-8", statusCode: error is null ? 200 : 400);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A user of the test provider: role as the provider names it, the division and units it states, and optionally a short token lifetime.</summary>
public sealed record TestUser(string Name, string DisplayName, string Role, string? Division, string[] Units, TimeSpan? TokenLifetime = null);
