using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using PerfPlatform.Contracts;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.Web.Components.Pages.SignIn;

namespace PerfPlatform.Web.SignIn;

/// <summary>
/// A session cookie that carries the user's gateway token and ends when the token does. Locally, with the development
/// key, /signin/dev mints that token; without the key the page does not exist.
/// </summary>
public static class SignInSetup
{
    public const string SignInPath = "/signin";
    public const string DevSignInPath = "/signin/dev";
    public const string SignOutPath = "/signout";
    private const int MaxLifetimeSeconds = 30 * 24 * 3600;

    public static WebApplicationBuilder AddConsoleSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new DevKey(DevSigningKey.Find(builder.Configuration)));
        var provider = builder.Configuration.GetSection(ProviderOptions.Section).Get<ProviderOptions>() ?? new ProviderOptions();
        builder.Services.AddSingleton(provider);
        var authentication = builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "perfconsole";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            o.SlidingExpiration = false;
        });
        if (provider.IsConfigured) authentication.AddProviderSignIn(provider);
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication MapConsoleSignIn(this WebApplication app)
    {
        var provider = app.Services.GetRequiredService<ProviderOptions>();
        app.MapGet(SignInPath, (DevKey key, bool? expired, bool? failed, string? returnUrl) =>
            new RazorComponentResult<SignInPage>(new
            {
                DevSignInAvailable = key.Bytes is not null, ProviderSignInAvailable = provider.IsConfigured,
                Expired = expired == true, Failed = failed == true, ReturnUrl = LocalOrRoot(returnUrl),
            }))
            .AllowAnonymous();
        app.MapGet(SignOutPath, (HttpContext context) => ProviderSignIn.SignOutAsync(context, SignInPath)).AllowAnonymous();
        if (provider.IsConfigured)
            app.MapGet(ProviderSignIn.Path, (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [ProviderSignIn.Scheme])).AllowAnonymous();
        if (app.Services.GetRequiredService<DevKey>().Bytes is not null)
            app.MapGet(DevSignInPath, DevSignInAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> DevSignInAsync(HttpContext context, DevKey key, string? role, string? division, string? unit,
        int? lifetime, string? returnUrl)
    {
        if (string.IsNullOrEmpty(role)) return new RazorComponentResult<DevSignInForm>(new { Division = division ?? "", Unit = unit ?? "" });
        var units = (unit ?? "").Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries);
        var error = role switch
        {
            PerfClaims.FinanceRole => null,
            PerfClaims.DepartmentRole when !Codes.IsDivision(division) => "行政区划代码应为 6 位数字，如 130636。",
            PerfClaims.DepartmentRole when units.Length == 0 || units.Any(u => !Codes.IsUnit(u)) => "单位代码应为 6 位数字，如 434001（多个单位用逗号分隔）。",
            PerfClaims.DepartmentRole => null,
            _ => "角色应为 finance（财政部门）或 department（预算部门）。",
        };
        if (lifetime is < 1 or > MaxLifetimeSeconds) error ??= $"lifetime 应为 1 至 {MaxLifetimeSeconds} 之间的秒数。";
        if (error is not null)
            return new RazorComponentResult<DevSignInForm>(new { Division = division ?? "", Unit = unit ?? "", Error = error }) { StatusCode = 400 };

        var life = TimeSpan.FromSeconds(lifetime ?? 12 * 3600);
        var token = role == PerfClaims.FinanceRole
            ? DevTokens.Finance(key.Bytes!, "finance-console", life)
            : DevTokens.Department(key.Bytes!, units.Select(u => (division!, u)), lifetime: life);
        await SignInWithTokenAsync(context, token);
        return Results.Redirect(LocalOrRoot(returnUrl));
    }

    /// <summary>The session is the token's claims plus the token itself, and expires with it.</summary>
    public static Task SignInWithTokenAsync(HttpContext context, string token)
    {
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(token);
        var claims = jwt.Claims.Where(c => c.Type is "sub" or "exp" or PerfClaims.Name or PerfClaims.Role or PerfClaims.Unit)
            .Select(c => new Claim(c.Type, c.Value)).Append(new Claim(SessionUser.AccessTokenClaim, token));
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PerfClaims.Name, PerfClaims.Role);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = jwt.ValidTo, IsPersistent = false, AllowRefresh = false });
    }

    private static string LocalOrRoot(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl : "/";
}

/// <summary>The development signing key when present (null otherwise), read once at start.</summary>
public sealed record DevKey(byte[]? Bytes);
