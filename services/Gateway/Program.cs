using PerfPlatform.Gateway.Imports;
using PerfPlatform.Gateway.Limits;
using PerfPlatform.Gateway.Logging;
using PerfPlatform.Gateway.Routing;
using PerfPlatform.ServiceDefaults.Errors;
using PerfPlatform.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostDefaults("gateway");
builder.Services.AddUnitRateLimit(builder.Configuration);
var (routes, clusters) = RouteTable.Build(builder.Configuration);
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
builder.AddImportRoute();

var app = builder.Build();
app.UseMiddleware<AccessLogMiddleware>();
app.MapServiceDefaults();
app.UseRateLimiter();
app.MapReverseProxy(proxy => proxy.UseUpstreamErrors()).RequireAuthorization();
app.MapImportRoute();
// A path no service owns: NOT_FOUND in the caller's protocol (UNIMPLEMENTED for gRPC), never an empty page.
app.MapFallback(context => ErrorResponse.IsGrpc(context.Request)
    ? ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, grpcCode: 12, "没有这个接口。", context.RequestAborted).AsTask()
    : ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, grpcCode: 5, $"没有这个接口：{context.Request.Method} {context.Request.Path}", context.RequestAborted).AsTask())
    .RequireAuthorization();
app.Run();
