using System.Net;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.ServiceDefaults.Errors;
using PerfPlatform.ServiceDefaults.Observability;

namespace PerfPlatform.ServiceDefaults.Hosting;

public static class ServiceHost
{
    /// <summary>Checks that decide readiness (database, broker): a failing one takes the pod out of the Service.</summary>
    public const string ReadyTag = "ready";
    /// <summary>Checks that decide liveness: only the process itself, so that an outage elsewhere never restarts pods.</summary>
    public const string LiveTag = "live";
    public const string MetricsPath = "/metrics";

    /// <summary>Ports, limits, gRPC with JSON transcoding and error mapping, health, auth and telemetry.</summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.AddHostDefaults(serviceName);
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorMappingInterceptor>();
            o.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, builder.Configuration.GetLimits().MaxRequestBodyBytes);
        }).AddJsonTranscoding(o =>
        {
            // Rich error details (field violations) are packed as Any: transcoding must know their types to write JSON.
            o.TypeRegistry = TypeRegistry.FromMessages(BadRequest.Descriptor, PreconditionFailure.Descriptor);
        });
        builder.Services.AddRequestDecodingCheck();
        builder.Services.AddSingleton<DiagnosticsService>();
        return builder;
    }

    /// <summary>What every process has, the gateway included: ports, limits, health, auth and telemetry.</summary>
    public static WebApplicationBuilder AddHostDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        builder.ConfigureKestrelPorts();
        builder.Services.AddGrpc();
        // The gRPC health service's "" entry would otherwise report every registered check (the database and the bus):
        // the liveness probe asks "", and a database or broker outage must not restart every pod.
        builder.Services.AddGrpcHealthChecks(o => o.Services.Map("", c => c.Tags.Contains(LiveTag)))
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [LiveTag]);
        builder.AddPerfAuthentication();
        builder.AddPerfTelemetry(serviceName);
        builder.Services.SkipDataProtectionWarmUp();
        return builder;
    }

    /// <summary>
    /// AddAuthentication registers Data Protection, whose hosted service loads (or creates and writes as XML) the key
    /// ring at start. These hosts authenticate bearer tokens only and protect nothing; without the warm-up, a ring is
    /// still made on first use. Measured: 3.5 MiB less resident memory at idle (the XML stack is not loaded for it).
    /// </summary>
    private static void SkipDataProtectionWarmUp(this IServiceCollection services)
    {
        foreach (var warmUp in services.Where(d => d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            services.Remove(warmUp);
    }

    public static LimitsOptions GetLimits(this IConfiguration configuration) =>
        configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();

    public static PortsOptions GetPorts(this IConfiguration configuration) =>
        configuration.GetSection(PortsOptions.Section).Get<PortsOptions>() ?? new PortsOptions();

    /// <summary>
    /// The ports come from configuration only: each service's appsettings.json holds its own (the numbers of the README's
    /// table), which Ports__Http and Ports__Grpc override.
    /// </summary>
    public static void ConfigureKestrelPorts(this WebApplicationBuilder builder)
    {
        var ports = builder.Configuration.GetPorts();
        var (http, grpc) = (ports.Http, ports.Grpc);
        if (http == 0 || grpc == 0)
            throw new InvalidOperationException(
                $"Ports: set Ports:Http and Ports:Grpc (appsettings.json in the content root {builder.Environment.ContentRootPath}, or Ports__Http and Ports__Grpc).");
        var address = IPAddress.Parse(ports.Host);
        var limits = builder.Configuration.GetLimits();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            k.Listen(address, http, o => o.Protocols = HttpProtocols.Http1);
            // h2c needs an HTTP/2-only endpoint: an Http1AndHttp2 cleartext endpoint silently stays on HTTP/1.1.
            k.Listen(address, grpc, o => o.Protocols = HttpProtocols.Http2);
            if (ports.Metrics != 0) k.Listen(address, ports.Metrics, o => o.Protocols = HttpProtocols.Http1);
        });
    }

    /// <summary>
    /// Auth middleware, /metrics (on its own port when Ports:Metrics is set), /healthz/live, /healthz/ready and
    /// grpc.health.v1 (its "" service is liveness).
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        var metricsPort = app.Configuration.GetPorts().Metrics;
        // By the port the connection arrived on, not the Host header, which a caller on the public port could forge. The
        // metrics port answers nothing else (routing has already picked an endpoint, which must not run here).
        if (metricsPort != 0)
            app.MapWhen(c => c.Connection.LocalPort == metricsPort, metrics => metrics
                .UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath)
                .Run(c =>
                {
                    c.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RestRequestCheck>();
        if (metricsPort == 0) app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(LiveTag) }).AllowAnonymous();
        // A degraded dependency is not ready either: no traffic until it recovers.
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        // Services (not the gateway, which forwards Echo to the registry) answer the benchmark's echo.
        if (app.Services.GetService<DiagnosticsService>() is not null) app.MapGrpcService<DiagnosticsService>();
        return app;
    }
}
