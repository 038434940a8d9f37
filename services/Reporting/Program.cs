using PerfPlatform.Reporting;
using PerfPlatform.Reporting.Documents;
using PerfPlatform.Reporting.Metrics;
using PerfPlatform.Reporting.Persistence;
using PerfPlatform.Reporting.Projections;
using PerfPlatform.Reporting.Summary;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("reporting", defaultHttpPort: 5140, defaultGrpcPort: 5141);
builder.AddPerfDatabase<ReportingDb>();
builder.AddPerfMessaging("reporting", bus => bus.AddProjectionConsumers());
builder.Services.AddScoped<Projector>();
builder.Services.AddScoped<ReadModelRebuild>();
builder.Services.AddSingleton<ProjectionLag>();
builder.Services.AddSingleton<SummaryQuery>();
builder.Services.AddSingleton<TargetDocumentReader>();
builder.Services.AddSingleton<BusinessMetrics>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<BusinessMetrics>());
builder.Services.AddHostedService<RuleMetrics>();

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
