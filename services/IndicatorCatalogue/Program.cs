using PerfPlatform.IndicatorCatalogue;
using PerfPlatform.IndicatorCatalogue.Evaluation;
using PerfPlatform.IndicatorCatalogue.Monitoring;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.ServiceDefaults.Hosting;

await DataServiceHost.RunAsync<CatalogueDb>(args, "indicator-catalogue", builder => builder.AddIndicatorCatalogue(), app =>
{
    app.MapGrpcService<CatalogueService>();
    app.MapGrpcService<MonitoringService>();
    app.MapGrpcService<SelfEvaluationService>();
}, new ServiceJob("--announce-indicator-sets", async (services, ct) =>
    $"{await IndicatorSetEvents.AnnounceAllAsync(services.GetRequiredService<CatalogueDb>(), ct)} indicator sets announced."));
