using System.Diagnostics;

namespace PerfPlatform.Gateway.Logging;

/// <summary>One line per request: who called what, the answer and how long it took.</summary>
public sealed class AccessLogMiddleware(RequestDelegate next, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var grpcStatus = context.Response.Headers["grpc-status"].ToString();
            logger.LogInformation("{Method} {Path} {Status} grpc={GrpcStatus} {ElapsedMs:0.0}ms sub={Subject} remote={Remote}",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                grpcStatus.Length > 0 ? grpcStatus : "-", Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.User.FindFirst("sub")?.Value ?? "-", context.Connection.RemoteIpAddress);
        }
    }
}
