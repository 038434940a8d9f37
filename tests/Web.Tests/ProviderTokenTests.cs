using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// The gateway and the services behind it accept the provider's access tokens (keys from its JWKS, its claim names
/// mapped to role and units) beside the development key's; tokens that are expired, forged or of an unknown issuer
/// get the same JSON 401 as any refused token.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProviderTokenTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_provider_token_reaches_the_registry_with_the_units_its_claims_name()
    {
        var token = fixture.Provider.AccessToken(ConsoleFixture.ProviderOfficer, DateTime.UtcNow.AddMinutes(5));
        var registry = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, token));
        var own = await registry.ListProjectsAsync(new ListProjectsRequest { DivisionCode = ConsoleFixture.Division, UnitCode = ConsoleFixture.Unit, Year = 2021 });
        Assert.NotEmpty(own.Projects);
        Assert.All(own.Projects, p => Assert.Equal(ConsoleFixture.Unit, p.UnitCode));

        var other = await Assert.ThrowsAsync<RpcException>(() =>
            registry.ListProjectsAsync(new ListProjectsRequest { DivisionCode = ConsoleFixture.Division, UnitCode = "434002", Year = 2021 }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);

        // The development key's tokens keep working beside the provider's.
        var dev = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, fixture.Stack.DepartmentToken(ConsoleFixture.Division, ConsoleFixture.Unit)));
        var same = await dev.ListProjectsAsync(new ListProjectsRequest { DivisionCode = ConsoleFixture.Division, UnitCode = ConsoleFixture.Unit, Year = 2021 });
        Assert.Equal(own.Projects.Select(p => p.Code).Order(), same.Projects.Select(p => p.Code).Order());
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "expired", "访问令牌已过期" },
        { "forged", "签名无效" },
        { "unknown issuer", "访问令牌" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_refused_provider_token_gets_the_json_401(string refusal, string says)
    {
        var user = ConsoleFixture.ProviderOfficer;
        var otherKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "stranger" };
        var token = refusal switch
        {
            // Beyond the 30 seconds of clock skew the gateway allows.
            "expired" => fixture.Provider.AccessToken(user, DateTime.UtcNow.AddMinutes(-5)),
            "forged" => fixture.Provider.AccessToken(user, DateTime.UtcNow.AddMinutes(5), otherKey),
            "unknown issuer" => fixture.Provider.AccessToken(user, DateTime.UtcNow.AddMinutes(5), otherKey, "https://sso.example.gov.cn/realms/other"),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };
        using var rest = fixture.Stack.Http(PlatformStack.Gateway, token);
        using var response = await rest.GetAsync("/v1/divisions");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode} {text}");
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)StatusCode.Unauthenticated, json.GetProperty("code").GetInt32());
        Assert.Contains(says, json.GetProperty("message").GetString());
        Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter);

        var grpc = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, token));
        var refused = await Assert.ThrowsAsync<RpcException>(() => grpc.ListDivisionsAsync(new ListDivisionsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains(says, refused.Status.Detail);
    }
}
