using PerfPlatform.Reporting.Disclosure;
using PerfPlatform.Reporting.Documents;
using PerfPlatform.Reporting.Metrics;
using PerfPlatform.Reporting.Projections;
using PerfPlatform.Reporting.Summary;

namespace PerfPlatform.Reporting;

public static class ReportingSetup
{
    /// <summary>
    /// The read model's database and the consumers that project every event into it, the rebuild that replays them, the
    /// queries over it, and the business metrics published from it.
    /// </summary>
    public static WebApplicationBuilder AddReporting(this WebApplicationBuilder builder)
    {
        builder.AddPerfDatabase<ReportingDb>();
        builder.AddPerfMessaging("reporting", bus => bus.AddProjectionConsumers());
        builder.Services.AddScoped<Projector>();
        builder.Services.AddScoped<ReadModelRebuild>();
        builder.Services.AddSingleton<ProjectionLag>();
        builder.Services.AddSingleton<SummaryQuery>();
        builder.Services.AddSingleton<TargetDocumentReader>();
        builder.Services.AddSingleton<PublicTargets>();
        builder.Services.AddSingleton<BusinessMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BusinessMetrics>());
        builder.Services.AddHostedService<MonitoringMetrics>();
        builder.Services.AddHostedService<EvaluationMetrics>();
        return builder;
    }
}
