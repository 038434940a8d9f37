using PerfPlatform.IndicatorCatalogue;
using PerfPlatform.IndicatorCatalogue.Persistence;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("indicator-catalogue");
builder.AddIndicatorCatalogue();

var app = builder.Build();
if (await app.MigrateAsync(typeof(CatalogueDb).Assembly, args)) return;
app.MapServiceDefaults();
app.MapGrpcService<CatalogueService>();
app.Run();
