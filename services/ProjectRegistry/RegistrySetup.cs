using PerfPlatform.Contracts.Indicators;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.ProjectRegistry.Results;
using PerfPlatform.ProjectRegistry.Review;
using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.ProjectRegistry;

public static class RegistrySetup
{
    /// <summary>
    /// The registry's database, what it learns from other services' events (indicator sets; self-evaluations, monitoring
    /// forms and warnings for result application — it calls no other service), the checks a submission passes, and the
    /// adjustments last year's grades suggest.
    /// </summary>
    public static WebApplicationBuilder AddProjectRegistry(this WebApplicationBuilder builder)
    {
        builder.AddPerfDatabase<RegistryDb>();
        builder.AddPerfMessaging("registry", bus =>
        {
            bus.Consume<IndicatorSetConsumer>("indicator-set", typeof(IndicatorSetReplaced));
            bus.Consume<PerformanceConsumer>("performance", PerformanceConsumer.Events);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddSubmissionChecks();
        builder.Services.AddScoped<ProjectAnnouncement>();
        builder.AddValidatedOptions<ResultApplicationOptions, ResultApplicationOptionsValidator>(ResultApplicationOptions.Section);
        builder.Services.AddScoped<Predecessors>();
        return builder;
    }
}
