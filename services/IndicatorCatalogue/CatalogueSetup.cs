using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Linting;
using PerfPlatform.IndicatorCatalogue.Persistence;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.IndicatorCatalogue;

public static class CatalogueSetup
{
    /// <summary>
    /// The catalogue's database, its copy of the registry's projects (kept from events: it calls no other service), the
    /// framework catalog and the linter.
    /// </summary>
    public static WebApplicationBuilder AddIndicatorCatalogue(this WebApplicationBuilder builder)
    {
        builder.AddPerfDatabase<CatalogueDb>();
        builder.AddPerfMessaging("indicators", bus => bus.AddConsumer<ProjectConsumers>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new FrameworkCatalog(builder.Configuration.GetValue("Frameworks:FirstYearOf2021Guide", 2022)));
        builder.Services.AddSingleton<TargetLinter>();
        builder.Services.AddSingleton<TargetReviewer>();
        builder.Services.AddScoped<KnownProjects>();
        builder.Services.Configure<Evaluation.ScoringOptions>(builder.Configuration.GetSection("Evaluation:Scoring"));
        Evaluation.YearEndSpending.Register(builder);
        return builder;
    }
}
