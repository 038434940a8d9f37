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
if (args.Contains("--announce-projects"))
{
    await using var scope = app.Services.CreateAsyncScope();
    var announced = await scope.ServiceProvider.GetRequiredService<ProjectAnnouncement>().RunAsync(CancellationToken.None);
    Console.WriteLine($"{announced} projects announced.");
    return;
}
app.MapServiceDefaults();
app.MapGrpcService<RegistryService>();
app.Run();
