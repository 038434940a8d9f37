using PerfPlatform.ProjectRegistry;
using PerfPlatform.ProjectRegistry.Persistence;
using PerfPlatform.ProjectRegistry.Review;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("project-registry");
builder.AddPerfDatabase<RegistryDb>();
builder.AddPerfMessaging("registry");
builder.Services.AddSingleton(TimeProvider.System);
builder.AddSubmissionChecks();

var app = builder.Build();
if (await app.MigrateAsync(typeof(RegistryDb).Assembly, args)) return;
app.MapServiceDefaults();
app.MapGrpcService<RegistryService>();
app.Run();
