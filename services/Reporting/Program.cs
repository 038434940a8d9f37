using PerfPlatform.Reporting;
using PerfPlatform.Reporting.Persistence;
using PerfPlatform.Reporting.Projections;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("reporting");
builder.AddReporting();

var app = builder.Build();
if (await app.MigrateAsync(typeof(ReportingDb).Assembly, args)) return;
if (await app.RunJobAsync(args, "--rebuild", async (services, ct) =>
    $"Read model rebuilt from {await services.GetRequiredService<ReadModelRebuild>().RunAsync(ct)} events.")) return;
app.Services.GetRequiredService<ProjectionLag>();
app.MapServiceDefaults();
app.MapGrpcService<ReportingService>();
app.Run();
