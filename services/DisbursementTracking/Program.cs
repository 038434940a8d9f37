using Microsoft.Extensions.Options;
using PerfPlatform.DisbursementTracking;
using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.DisbursementTracking.Persistence;
using PerfPlatform.DisbursementTracking.Plans;
using PerfPlatform.DisbursementTracking.Projects;
using PerfPlatform.DisbursementTracking.Warnings;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("disbursement-tracking");
builder.AddPerfDatabase<DisbursementDb>();
builder.AddPerfMessaging("disbursement", bus => bus.AddConsumer<ProjectConsumers>());
builder.Services.AddOptions<DisbursementOptions>().Bind(builder.Configuration.GetSection(DisbursementOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<DisbursementOptions>, DisbursementOptionsValidator>();
builder.Services.AddSingleton<AdjustableClock>();
builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<AdjustableClock>());
builder.Services.AddScoped<WarningUpdater>();
builder.Services.AddSingleton<WarningSweep>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<WarningSweep>());

var app = builder.Build();
if (await app.MigrateAsync(typeof(DisbursementDb).Assembly, args)) return;
app.MapServiceDefaults();
app.MapGrpcService<DisbursementService>();
app.MapTestClock();
app.Run();
