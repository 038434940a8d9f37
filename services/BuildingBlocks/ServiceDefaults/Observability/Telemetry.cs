using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PerfPlatform.ServiceDefaults.Observability;

public static class Telemetry
{
    public const int MaxPointsPerStream = 500;

    /// <summary>
    /// Metrics scraped at /metrics (Prometheus); traces go out by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. The
    /// database's and the bus's instrumentation is added by ServiceData's AddPerfDatabase and AddPerfMessaging.
    /// </summary>
    public static WebApplicationBuilder AddPerfTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        // Each metric stream allocates its points up front (2,000 by default, 72 bytes each, on the large object heap):
        // with some 90 streams (ASP.NET Core, Kestrel, HTTP client, runtime, Npgsql, the bus) that was 12 MB of a
        // service's 20 MB idle GC heap. Our widest stream, http.server.request.duration, has a few hundred route × method
        // × status combinations; measurements past the limit still count, under otel.metric.overflow.
        builder.Services.ConfigureOpenTelemetryMeterProvider(m =>
            m.AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MaxPointsPerStream }));
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("PerfPlatform.*")
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }
        return builder;
    }
}
