using PerfPlatform.IndicatorCatalogue;
using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Linting;
using PerfPlatform.IndicatorCatalogue.Persistence;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("indicator-catalogue");
builder.AddPerfDatabase<CatalogueDb>();
builder.AddPerfMessaging("indicators");
builder.AddUpstreamClient<RegistryClient>("Registry");
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new FrameworkCatalog(builder.Configuration.GetValue("Frameworks:FirstYearOf2021Guide", 2022)));
builder.Services.AddSingleton<TargetLinter>();
builder.Services.AddSingleton<TargetReviewer>();
builder.Services.AddScoped<RegistryLookup>();

var app = builder.Build();
if (await app.MigrateAsync(typeof(CatalogueDb).Assembly, args)) return;
app.MapServiceDefaults();
app.MapGrpcService<CatalogueService>();
app.Run();
