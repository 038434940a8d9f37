using PerfPlatform.ProjectRegistry.Persistence;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.ProjectRegistry.Review;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.ProjectRegistry;

public static class RegistrySetup
{
    /// <summary>
    /// The registry's database, what it learns of indicator sets from the catalogue's events (it calls no other service),
    /// and the checks a submission passes.
    /// </summary>
    public static WebApplicationBuilder AddProjectRegistry(this WebApplicationBuilder builder)
    {
        builder.AddPerfDatabase<RegistryDb>();
        builder.AddPerfMessaging("registry", bus => bus.AddConsumer<IndicatorSetConsumer>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddSubmissionChecks();
        builder.Services.AddScoped<ProjectAnnouncement>();
        return builder;
    }
}
