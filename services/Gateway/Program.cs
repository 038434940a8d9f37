using PerfPlatform.Gateway.Limits;
using PerfPlatform.Gateway.Logging;
using PerfPlatform.Gateway.Routing;
using PerfPlatform.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults("gateway", defaultHttpPort: 5080, defaultGrpcPort: 5081);
builder.Services.AddUnitRateLimit(builder.Configuration);
var (routes, clusters) = RouteTable.Build(builder.Configuration);
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

var app = builder.Build();
app.UseMiddleware<AccessLogMiddleware>();
app.MapServiceDefaults();
app.UseRateLimiter();
app.MapReverseProxy(proxy => proxy.UseUpstreamErrors()).RequireAuthorization();
app.Run();
