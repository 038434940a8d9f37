using Microsoft.AspNetCore.Http;
using PerfPlatform.ServiceDefaults.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace PerfPlatform.Gateway.Limits;

public static class UpstreamErrors
{
    /// <summary>
    /// Failures while forwarding answer in the caller's protocol instead of a bare 502: a body over the size cap is
    /// RESOURCE_EXHAUSTED (413), any other fault of the request itself INVALID_ARGUMENT (400), and a service that
    /// cannot be reached UNAVAILABLE (503).
    /// </summary>
    public static IReverseProxyApplicationBuilder UseUpstreamErrors(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted) return;
            var (http, grpc, message) = Chain(error.Exception).OfType<BadHttpRequestException>().FirstOrDefault() switch
            {
                { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, 8, "请求内容超过大小上限。"),
                not null => (StatusCodes.Status400BadRequest, 3, "请求格式不正确。"),
                null => (StatusCodes.Status503ServiceUnavailable, 14, "服务暂时不可用，请稍后重试。"),
            };
            await ErrorResponse.WriteAsync(context, http, grpc, message, context.RequestAborted);
        });
        return proxy;
    }

    /// <summary>Kestrel's refusal of the request body arrives wrapped (aggregate, I/O, HTTP) by the forwarder.</summary>
    private static IEnumerable<Exception> Chain(Exception? e)
    {
        if (e is null) yield break;
        yield return e;
        var inner = e is AggregateException a ? a.InnerExceptions.SelectMany(Chain) : Chain(e.InnerException);
        foreach (var x in inner) yield return x;
    }
}
