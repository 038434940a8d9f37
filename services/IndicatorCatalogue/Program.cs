using PerfPlatform.IndicatorCatalogue;
using PerfPlatform.IndicatorCatalogue.Persistence;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("indicator-catalogue");
builder.AddIndicatorCatalogue();

var app = builder.Build();
if (await app.MigrateAsync(typeof(CatalogueDb).Assembly, args)) return;
if (await app.RunJobAsync(args, "--announce-indicator-sets", async (services, ct) =>
    $"{await IndicatorSetEvents.AnnounceAllAsync(services.GetRequiredService<CatalogueDb>(), ct)} indicator sets announced.")) return;
app.MapServiceDefaults();
app.MapGrpcService<CatalogueService>();
app.MapGrpcService<PerfPlatform.IndicatorCatalogue.Monitoring.MonitoringService>();
app.MapGrpcService<PerfPlatform.IndicatorCatalogue.Evaluation.SelfEvaluationService>();
app.Run();
