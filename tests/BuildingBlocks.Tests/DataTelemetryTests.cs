using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Observability;
using PerfPlatform.ServiceDefaults.Persistence;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>The hosting defaults know no database or bus; AddPerfDatabase and AddPerfMessaging add their meters and traces.</summary>
public sealed class DataTelemetryTests
{
    [Fact]
    public async Task The_database_and_the_bus_add_their_meters_and_traces_to_the_hosts_telemetry()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317";
        builder.Configuration["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused";
        builder.AddPerfTelemetry("telemetry-test");
        builder.AddPerfDatabase<EmptyDb>();
        builder.AddPerfMessaging("telemetry-test");
        await using var app = builder.Build();
        app.Services.GetRequiredService<MeterProvider>();
        app.Services.GetRequiredService<TracerProvider>();

        bool Measured(string meter)
        {
            using var m = new Meter(meter);
            return m.CreateCounter<long>("probe").Enabled;
        }
        Assert.True(Measured("Npgsql"));
        Assert.True(Measured("PerfPlatform.Messaging"));
        Assert.False(Measured("Unlisted.DataTelemetryTests"));
        Assert.True(new ActivitySource("Npgsql").HasListeners());
        Assert.True(new ActivitySource("PerfPlatform.Messaging").HasListeners());
        Assert.False(new ActivitySource("Unlisted.DataTelemetryTests").HasListeners());
    }

    private sealed class EmptyDb(DbContextOptions<EmptyDb> options) : DbContext(options);
}
