using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.ClientFactory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PerfPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Service-to-service gRPC: the address comes from Upstreams:{Name}:Grpc, and the caller's bearer token travels with
/// the call, so the called service applies the same caller's rights (a department still sees only its units).
/// </summary>
public static class UpstreamClients
{
    public static WebApplicationBuilder AddUpstreamClient<TClient>(this WebApplicationBuilder builder, string upstream)
        where TClient : ClientBase
    {
        var address = builder.Configuration[$"Upstreams:{upstream}:Grpc"];
        if (string.IsNullOrWhiteSpace(address))
            throw new InvalidOperationException($"Upstreams:{upstream}:Grpc is not configured.");
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ForwardAuthorizationInterceptor>();
        builder.Services.AddGrpcClient<TClient>(o => o.Address = new Uri(address))
            .AddInterceptor<ForwardAuthorizationInterceptor>(InterceptorScope.Client)
            .ConfigureChannel(o => o.ForUpstream(16));
        return builder;
    }

    /// <summary>
    /// The one set of channel options for calls inside the platform. gRPC's default reconnect back-off grows to two minutes
    /// while an upstream is down, and every call in that back-off fails at once with UNAVAILABLE, so a service that came
    /// back after a long outage (or a restart) stayed unreachable for minutes; on a local network two seconds is plenty.
    /// </summary>
    public static GrpcChannelOptions ForUpstream(this GrpcChannelOptions options, int maxReceiveMegabytes)
    {
        options.MaxReceiveMessageSize = maxReceiveMegabytes * 1024 * 1024;
        options.InitialReconnectBackoff = TimeSpan.FromMilliseconds(250);
        options.MaxReconnectBackoff = TimeSpan.FromSeconds(2);
        return options;
    }
}

public sealed class ForwardAuthorizationInterceptor(IHttpContextAccessor accessor) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithAuthorization(context));

    private ClientInterceptorContext<TRequest, TResponse> WithAuthorization<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context) where TRequest : class where TResponse : class
    {
        var authorization = accessor.HttpContext?.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization)) return context;
        var headers = context.Options.Headers ?? new Metadata();
        // Once only: two registrations of a client would otherwise send "Bearer a, Bearer a", which no service can read.
        if (headers.Get("authorization") is null) headers.Add("Authorization", authorization);
        var deadline = context.Options.Deadline ?? DateTime.UtcNow.AddSeconds(10);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host,
            context.Options.WithHeaders(headers).WithDeadline(deadline));
    }
}
