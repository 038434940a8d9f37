using Grpc.Core;
using Grpc.Net.Client;

namespace PerfPlatform.Cli.Commands;

/// <summary>How every command but `token` reaches the platform: gRPC to the gateway with a bearer token.</summary>
public sealed class Gateway
{
    public static readonly Option<string?> AddressOption = new("--gateway")
    {
        Description = "网关 gRPC 地址（默认 PERF_GATEWAY 或 http://127.0.0.1:5081）",
        Recursive = true,
    };

    public static readonly Option<string?> TokenOption = new("--token")
    {
        Description = "访问令牌（默认 PERF_TOKEN；本地开发时若都未给出，则用本地密钥签发财政角色令牌）",
        Recursive = true,
    };

    public static GrpcChannel Connect(ParseResult parse)
    {
        var address = parse.GetValue(AddressOption) ?? Environment.GetEnvironmentVariable("PERF_GATEWAY") ?? "http://127.0.0.1:5081";
        var token = parse.GetValue(TokenOption) ?? Environment.GetEnvironmentVariable("PERF_TOKEN") ?? LocalFinanceToken()
            ?? throw new CliException("未提供访问令牌：请用 --token 或环境变量 PERF_TOKEN 指定（perfctl token 可签发本地开发令牌）。");
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(address.StartsWith("https", StringComparison.OrdinalIgnoreCase)
                ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
    }

    /// <summary>On a developer's machine with the local key, a finance token is minted so that the demo just works.</summary>
    private static string? LocalFinanceToken()
    {
        var path = LocalKey.Find(null);
        if (path is null || !File.Exists(path)) return null;
        var key = new ServiceDefaults.Auth.AuthOptions { SigningKeyFile = path }.ResolveSigningKey();
        return ServiceDefaults.Auth.DevTokens.Finance(key, "perfctl-local", TimeSpan.FromHours(1));
    }
}

/// <summary>A failure to tell the user in Chinese; perfctl prints it and exits non-zero.</summary>
public sealed class CliException(string message) : Exception(message);
