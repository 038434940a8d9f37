using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>
/// With an OIDC authority the issuer is still checked: by default against the one its discovery document states, or
/// against Auth:Issuer when set. The discovery document is given in process (no network): the authentication setup is
/// the services' own, only where its configuration comes from is replaced.
/// </summary>
public sealed class AuthTests
{
    private const string Authority = "https://sso.example.gov.cn/realms/finance";
    private const string OtherRealm = "https://sso.example.gov.cn/realms/other";

    [Fact]
    public async Task With_an_authority_a_token_of_another_issuer_is_refused()
    {
        var key = Convert.FromBase64String(DevTokens.NewSigningKey());
        await using var server = await StartAsync(key, discoveredIssuer: Authority, configuredIssuer: null);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(server.Address, Token(key, Authority)));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(server.Address, Token(key, OtherRealm)));
    }

    [Fact]
    public async Task With_an_authority_and_an_explicit_issuer_that_issuer_is_accepted_and_no_stranger()
    {
        var key = Convert.FromBase64String(DevTokens.NewSigningKey());
        await using var server = await StartAsync(key, discoveredIssuer: Authority, configuredIssuer: "https://issuer.example.gov.cn");
        Assert.Equal(HttpStatusCode.OK, await CallAsync(server.Address, Token(key, "https://issuer.example.gov.cn")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(server.Address, Token(key, OtherRealm)));
    }

    [Fact]
    public async Task With_an_authority_and_a_development_key_each_issuer_is_checked_with_its_own_keys()
    {
        var providerKey = Convert.FromBase64String(DevTokens.NewSigningKey());
        var developmentKey = Convert.FromBase64String(DevTokens.NewSigningKey());
        await using var server = await StartAsync(providerKey, discoveredIssuer: Authority, configuredIssuer: null, developmentKey);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(server.Address, Token(providerKey, Authority)));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(server.Address, DevTokens.Finance(developmentKey)));
        // The development key does not vouch for the authority's issuer, nor the authority's keys for the development issuer.
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(server.Address, Token(developmentKey, Authority)));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(server.Address, DevTokens.Finance(providerKey)));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(server.Address, Token(providerKey, OtherRealm)));
    }

    private static string Token(byte[] key, string issuer) =>
        DevTokens.Issue(key, "finance-test", PerfClaims.FinanceRole, [], TimeSpan.FromMinutes(5), issuer, "perfplatform");

    private static async Task<HttpStatusCode> CallAsync(string address, string token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (await http.GetAsync("/whoami")).StatusCode;
    }

    private sealed record Server(WebApplication App, string Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private static async Task<Server> StartAsync(byte[] key, string discoveredIssuer, string? configuredIssuer, byte[]? developmentKey = null)
    {
        var port = TestEnvironment.FreePort();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration["Auth:Authority"] = Authority;
        if (configuredIssuer is not null) builder.Configuration["Auth:Issuer"] = configuredIssuer;
        if (developmentKey is not null) builder.Configuration["Auth:SigningKey"] = Convert.ToBase64String(developmentKey);
        builder.AddPerfAuthentication();
        // The discovery document the authority would serve, without fetching it.
        var discovery = new OpenIdConnectConfiguration { Issuer = discoveredIssuer };
        discovery.SigningKeys.Add(new SymmetricSecurityKey(key));
        builder.Services.PostConfigure<JwtBearerOptions>(developmentKey is null ? JwtBearerDefaults.AuthenticationScheme : AuthSetup.ProviderScheme,
            o => o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(discovery));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", () => "ok");
        await app.StartAsync();
        return new Server(app, $"http://127.0.0.1:{port}");
    }
}
