using PerfPlatform.Reporting;
using PerfPlatform.Reporting.Projections;
using PerfPlatform.ServiceDefaults.Hosting;

await DataServiceHost.RunAsync<ReportingDb>(args, "reporting", builder => builder.AddReporting(), app =>
{
    app.Services.GetRequiredService<ProjectionLag>();
    app.MapGrpcService<ReportingService>();
}, new ServiceJob("--rebuild", async (services, ct) =>
    $"Read model rebuilt from {await services.GetRequiredService<ReadModelRebuild>().RunAsync(ct)} events."));
