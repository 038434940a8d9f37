using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>The registry behind the gateway, each on its own database and virtual host; callers use only the gateway.</summary>
public class GatewayFixture : IAsyncLifetime
{
    public PlatformStack Stack { get; private set; } = null!;

    // Reporting is not started: its upstream points at port 1 on loopback, where nothing listens (and no test process
    // can bind), so that the gateway meets a service it cannot reach.
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Submission__RequireIndicators"] = "false",
        // The gateway's access log, read by a test from the process's output.
        ["Logging__LogLevel__PerfPlatform.Gateway.Logging"] = "Information",
        ["Upstreams__Reporting__Http"] = "http://127.0.0.1:1",
        ["Upstreams__Reporting__Grpc"] = "http://127.0.0.1:1",
    };

    public async Task InitializeAsync() =>
        Stack = await PlatformStack.StartAsync(Settings, PlatformStack.Registry, PlatformStack.Gateway);

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

/// <summary>A gateway with a small per-unit budget of requests, to see the limit refuse.</summary>
public sealed class TightRateLimitFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Submission__RequireIndicators"] = "false",
        ["RateLimit__PermitsPerSecond"] = "2",
        ["RateLimit__Burst"] = "5",
        ["Limits__MaxRequestBodyBytes"] = "65536",
    };
}

/// <summary>A gateway alone with a separate metrics port, as the chart runs it.</summary>
public sealed class MetricsPortFixture : IAsyncLifetime
{
    public int MetricsPort { get; } = TestEnvironment.FreePort();
    public PlatformStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Stack = await PlatformStack.StartAsync(new Dictionary<string, string> { ["Ports__Metrics"] = MetricsPort.ToString() }, PlatformStack.Gateway);

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
