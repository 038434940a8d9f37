using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Linting;
using PerfPlatform.IndicatorCatalogue.Monitoring;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.IndicatorCatalogue;

public static class CatalogueSetup
{
    /// <summary>
    /// The catalogue's database, its copy of the registry's projects (kept from events), the framework catalog, the linter,
    /// and mid-year monitoring, whose forms read each project's money from DisbursementTracking: the catalogue's one call out.
    /// Without Upstreams:Disbursement:Grpc the catalogue still runs; only the monitoring forms answer UNAVAILABLE.
    /// </summary>
    public static WebApplicationBuilder AddIndicatorCatalogue(this WebApplicationBuilder builder)
    {
        builder.AddPerfDatabase<CatalogueDb>();
        builder.AddPerfMessaging("indicators", bus => bus.Consume<ProjectConsumers>("project-consumers", ProjectCopyConsumer.Events));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new FrameworkCatalog(builder.Configuration.GetValue("Frameworks:FirstYearOf2021Guide", 2022)));
        builder.Services.AddSingleton<TargetLinter>();
        builder.Services.AddSingleton<TargetReviewer>();
        builder.Services.AddScoped<KnownProjects>();
        builder.Services.AddScoped<ExecutionSource>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"Upstreams:{ExecutionSource.Upstream}:Grpc"]))
            builder.AddUpstreamClient<Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient>(ExecutionSource.Upstream);
        builder.AddValidatedOptions<Evaluation.ScoringOptions, Evaluation.ScoringOptionsValidator>(Evaluation.ScoringOptions.Section);
        Evaluation.YearEndSpending.Register(builder);
        return builder;
    }
}
