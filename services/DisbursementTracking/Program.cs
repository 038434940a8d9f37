using PerfPlatform.DisbursementTracking;
using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.DisbursementTracking.Persistence;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("disbursement-tracking");
builder.AddDisbursementTracking();

var app = builder.Build();
if (await app.MigrateAsync(typeof(DisbursementDb).Assembly, args)) return;
app.MapServiceDefaults();
app.MapGrpcService<DisbursementService>();
app.MapTestClock();
app.Run();
