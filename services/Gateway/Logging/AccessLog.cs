using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

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
            logger.LogInformation("{Method} {Path} {Status} grpc={GrpcStatus} {ElapsedMs:0.0}ms sub={Subject} remote={Remote}",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                GrpcStatus(context), Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.User.FindFirst("sub")?.Value ?? "-", context.Connection.RemoteIpAddress);
        }
    }

    /// <summary>
    /// A gRPC answer's status: in the trailers after its messages (every OK answer), in the headers of a trailers-only
    /// answer (an error before any message, or one the gateway wrote itself); "-" when there is none (REST).
    /// </summary>
    private static string GrpcStatus(HttpContext context)
    {
        var status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"].ToString();
        if (string.IsNullOrEmpty(status)) status = context.Response.Headers["grpc-status"].ToString();
        return status.Length > 0 ? status : "-";
    }
}
