using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.DisbursementTracking.Plans;
using PerfPlatform.DisbursementTracking.Projects;
using PerfPlatform.DisbursementTracking.Warnings;
using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.DisbursementTracking;

public static class DisbursementSetup
{
    /// <summary>
    /// The service's database, its copy of the registry's projects (kept from events), its options, the clock tests may
    /// move, and the warnings with the sweep that re-checks them as the date passes checkpoints.
    /// </summary>
    public static WebApplicationBuilder AddDisbursementTracking(this WebApplicationBuilder builder)
    {
        builder.AddPerfDatabase<DisbursementDb>();
        builder.AddPerfMessaging("disbursement", bus => bus.Consume<ProjectConsumers>("project-consumers", ProjectCopyConsumer.Events));
        builder.AddValidatedOptions<DisbursementOptions, DisbursementOptionsValidator>(DisbursementOptions.Section);
        builder.Services.AddSingleton<AdjustableClock>();
        builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<AdjustableClock>());
        builder.Services.AddScoped<WarningUpdater>();
        builder.Services.AddSingleton<WarningSweep>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WarningSweep>());
        return builder;
    }
}
