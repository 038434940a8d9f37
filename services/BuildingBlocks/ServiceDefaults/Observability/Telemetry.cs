using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PerfPlatform.ServiceDefaults.Observability;

public static class Telemetry
{
    /// <summary>
    /// Metrics scraped at /metrics (Prometheus); traces go out by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. The
    /// database's and the bus's instrumentation is added by ServiceData's AddPerfDatabase and AddPerfMessaging.
    /// </summary>
    public static WebApplicationBuilder AddPerfTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
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
