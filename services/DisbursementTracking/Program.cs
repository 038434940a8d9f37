using PerfPlatform.DisbursementTracking;
using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.ServiceDefaults.Hosting;

await DataServiceHost.RunAsync<DisbursementDb>(args, "disbursement-tracking", builder => builder.AddDisbursementTracking(), app =>
{
    app.MapGrpcService<DisbursementService>();
    app.MapTestClock();
});
