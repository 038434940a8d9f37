using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Observability;

namespace PerfPlatform.Web.Hosting;

/// <summary>Port, health and /metrics as the services have them; the console needs no gRPC port of its own.</summary>
public static class ConsoleHosting
{
    public const int DefaultHttpPort = 5090;

    public static WebApplicationBuilder AddConsoleHosting(this WebApplicationBuilder builder)
    {
        // Ports:Http and Ports:Host as the services read them; a gRPC port the console has none of (deploy/local passes "-").
        var http = builder.Configuration.GetValue<int?>("Ports:Http") is { } port and not 0 ? port : DefaultHttpPort;
        var host = builder.Configuration["Ports:Host"] ?? new PortsOptions().Host;
        // Served from the build output too (deploy/local/up, the tests): the static web assets of AntDesign live in the
        // NuGet cache until the app is published.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(host), http, o => o.Protocols = HttpProtocols.Http1));
        builder.Services.AddHealthChecks().AddCheck("process", () => HealthCheckResult.Healthy(), tags: [ServiceHost.LiveTag, ServiceHost.ReadyTag]);
        builder.AddPerfTelemetry("web");
        return builder;
    }

    public static WebApplication MapConsoleHealth(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(ServiceHost.MetricsPath).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ServiceHost.LiveTag) }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ServiceHost.ReadyTag) }).AllowAnonymous();
        return app;
    }
}
