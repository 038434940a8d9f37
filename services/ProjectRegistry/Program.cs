using PerfPlatform.ProjectRegistry;
using PerfPlatform.ProjectRegistry.Persistence;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("project-registry");
builder.AddProjectRegistry();

var app = builder.Build();
if (await app.MigrateAsync(typeof(RegistryDb).Assembly, args)) return;
app.MapServiceDefaults();
app.MapGrpcService<RegistryService>();
app.Run();
