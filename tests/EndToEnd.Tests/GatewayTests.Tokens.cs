using System.Net;
using System.Text.Json;
using Grpc.Core;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.TestSupport;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>
/// A request without a usable token: 401 with the JSON error of every other refusal (UNAUTHENTICATED, a Chinese message
/// saying what is wrong) and RFC 6750's challenge over REST; UNAUTHENTICATED with the same message over gRPC.
/// </summary>
public sealed partial class GatewayTests
{
    public static TheoryData<string, string, string?> RefusedTokens => new()
    {
        // case, what the message must say, the challenge's error (null: RFC 6750 §3 sends none when no token came)
        { "missing", "缺少访问令牌", null },
        { "expired", "访问令牌已过期", "invalid_token" },
        { "forged", "签名无效", "invalid_token" },
        { "other issuer", "签发者不受信任：「https://sso.example.gov.cn/", "invalid_token" },
        { "other audience", "受众不符", "invalid_token" },
        { "not a jwt", "不是有效的 JWT", "invalid_token" },
    };

    private string? TokenFor(string refusal) => refusal switch
    {
        "missing" => null,
        "expired" => DevTokens.Finance(Stack.SigningKey, lifetime: TimeSpan.FromMinutes(-5)),
        "forged" => DevTokens.Finance(Convert.FromBase64String(DevTokens.NewSigningKey())),
        "other issuer" => DevTokens.Finance(Stack.SigningKey, issuer: "https://sso.example.gov.cn/realms/other"),
        "other audience" => DevTokens.Finance(Stack.SigningKey, audience: "another-platform"),
        "not a jwt" => "abc.def",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_refused_token_is_answered_unauthenticated_saying_why_with_the_bearer_challenge(string refusal, string says, string? error)
    {
        using var rest = Stack.Http(PlatformStack.Gateway, TokenFor(refusal));
        using var response = await rest.GetAsync("/v1/divisions");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode} {text}");
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)StatusCode.Unauthenticated, json.GetProperty("code").GetInt32());
        Assert.Contains(says, json.GetProperty("message").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        if (error is null) Assert.DoesNotContain("error=", challenge.Parameter);
        else
        {
            Assert.Contains($"error=\"{error}\"", challenge.Parameter);
            Assert.Matches("error_description=\"[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+\"", challenge.Parameter);
        }

        var grpc = new RegistryClient(Stack.Channel(PlatformStack.Gateway, TokenFor(refusal)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => grpc.ListDivisionsAsync(new ListDivisionsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains(says, refused.Status.Detail);
    }

    [Fact]
    public async Task A_service_called_directly_refuses_a_token_in_the_same_shape()
    {
        using var rest = Stack.Http(PlatformStack.Registry, TokenFor("expired"));
        using var response = await rest.GetAsync("/v1/divisions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("访问令牌已过期", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        var grpc = new RegistryClient(Stack.Channel(PlatformStack.Registry, null));
        var refused = await Assert.ThrowsAsync<RpcException>(() => grpc.ListDivisionsAsync(new ListDivisionsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("缺少访问令牌", refused.Status.Detail);
    }
}
