using PerfPlatform.ProjectRegistry;
using PerfPlatform.ProjectRegistry.Persistence;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("project-registry");
builder.AddProjectRegistry();

var app = builder.Build();
if (await app.MigrateAsync(typeof(RegistryDb).Assembly, args)) return;
if (await app.RunJobAsync(args, "--announce-projects", async (services, ct) =>
    $"{await services.GetRequiredService<ProjectAnnouncement>().RunAsync(ct)} projects announced.")) return;
app.MapServiceDefaults();
app.MapGrpcService<RegistryService>();
app.Run();
