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
if (args.Contains("--rebuild"))
{
    await using var scope = app.Services.CreateAsyncScope();
    var replayed = await scope.ServiceProvider.GetRequiredService<ReadModelRebuild>().RunAsync(CancellationToken.None);
    Console.WriteLine($"Read model rebuilt from {replayed} events.");
    return;
}
app.Services.GetRequiredService<ProjectionLag>();
app.MapServiceDefaults();
app.MapGrpcService<ReportingService>();
app.Run();
