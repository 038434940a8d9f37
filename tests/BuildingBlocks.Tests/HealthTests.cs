using System.Net;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>
/// Liveness (HTTP /healthz/live and grpc.health.v1 "", which the chart's liveness probe asks) reports the process
/// alone; readiness (/healthz/ready) reports the database and the broker. A database outage must take a pod out of its
/// Service, never have it restarted.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task A_service_whose_database_is_unreachable_is_alive_but_not_ready()
    {
        var vhost = await TestEnvironment.NewVirtualHostAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=perf_nowhere;Username=x;Password=x;Timeout=2", // nothing listens on port 1,
            ["Database__MigrateOnStart"] = "false",
            ["Submission__RequireIndicators"] = "false",
            ["Auth__SigningKey"] = DevTokens.NewSigningKey(),
            ["RabbitMq__Host"] = "127.0.0.1",
            ["RabbitMq__Port"] = TestEnvironment.RabbitPort.ToString(),
            ["RabbitMq__VirtualHost"] = vhost,
            ["RabbitMq__Username"] = TestEnvironment.RabbitUser,
            ["RabbitMq__Password"] = TestEnvironment.RabbitPassword,
        };
        try
        {
            await using var service = await ServiceProcess.StartAsync(PlatformStack.Registry, TestEnvironment.FreePort(),
                TestEnvironment.FreePort(), environment, startedPath: "/healthz/live");
            using var http = new HttpClient { BaseAddress = new Uri(service.HttpAddress), Timeout = TimeSpan.FromSeconds(30) };
            using var channel = GrpcChannel.ForAddress(service.GrpcAddress);

            using (var ready = await http.GetAsync("/healthz/ready"))
                Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable,
                    $"ready answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving,
                (await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest())).Status);
        }
        finally
        {
            await TestEnvironment.RabbitAsync("ctl", "delete_vhost", vhost);
        }
    }

    [Fact]
    public async Task A_degraded_dependency_is_not_ready()
    {
        var (httpPort, grpcPort) = (TestEnvironment.FreePort(), TestEnvironment.FreePort());
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Auth:SigningKey"] = DevTokens.NewSigningKey();
        builder.Configuration["Ports:Http"] = httpPort.ToString();
        builder.Configuration["Ports:Grpc"] = grpcPort.ToString();
        builder.AddHostDefaults("health-test");
        builder.Services.AddHealthChecks().AddCheck("dependency", () => HealthCheckResult.Degraded("slow"), tags: [ServiceHost.ReadyTag]);
        await using var app = builder.Build();
        app.MapServiceDefaults();
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
