using Yarp.ReverseProxy.Forwarder;

namespace PerfPlatform.Gateway.Limits;

public static class UpstreamErrors
{
    /// <summary>A service that cannot be reached answers UNAVAILABLE in the caller's protocol instead of a bare 502.</summary>
    public static IReverseProxyApplicationBuilder UseUpstreamErrors(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted) return;
            await GatewayErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, grpcCode: 14,
                "服务暂时不可用，请稍后重试。", context.RequestAborted);
        });
        return proxy;
    }
}
