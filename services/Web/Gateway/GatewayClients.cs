using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using PerfPlatform.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using PerfPlatform.Web.SignIn;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using MonitoringClient = PerfPlatform.Protos.Indicators.V1.Monitoring.MonitoringClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;
using SelfEvaluationClient = PerfPlatform.Protos.Indicators.V1.SelfEvaluation.SelfEvaluationClient;

namespace PerfPlatform.Web.Gateway;

/// <summary>
/// The console's only way into the platform: the gateway's gRPC (Gateway:Grpc), each call carrying the signed-in user's
/// token, so that the API decides what this user may see and do.
/// </summary>
public sealed class GatewayClients(GrpcChannel channel, AuthenticationStateProvider authentication)
{
    private CallInvoker? _invoker;
    private SessionUser? _user;

    public async Task<SessionUser> UserAsync() =>
        _user ??= new SessionUser((await authentication.GetAuthenticationStateAsync()).User);

    public async Task<RegistryClient> RegistryAsync() => new(await InvokerAsync());
    public async Task<CatalogueClient> CatalogueAsync() => new(await InvokerAsync());
    public async Task<DisbursementClient> DisbursementAsync() => new(await InvokerAsync());
    public async Task<ReportingClient> ReportingAsync() => new(await InvokerAsync());
    public async Task<SelfEvaluationClient> SelfEvaluationAsync() => new(await InvokerAsync());
    public async Task<MonitoringClient> MonitoringAsync() => new(await InvokerAsync());

    private async Task<CallInvoker> InvokerAsync()
    {
        if (_invoker is not null) return _invoker;
        var user = await UserAsync();
        var token = user.AccessToken;
        _invoker = channel.Intercept(metadata =>
        {
            // An open page outlives its session: once the token has ended the call is not made, and the page signs in again.
            if (user.IsExpired) throw new RpcException(new Status(StatusCode.Unauthenticated, "登录已过期，请重新登录。"));
            if (token is not null) metadata.Add("Authorization", $"Bearer {token}");
            return metadata;
        });
        return _invoker;
    }
}

public static class GatewaySetup
{
    public static WebApplicationBuilder AddGatewayClients(this WebApplicationBuilder builder)
    {
        var address = builder.Configuration["Gateway:Grpc"];
        if (string.IsNullOrWhiteSpace(address)) throw new InvalidOperationException("Gateway:Grpc is not configured.");
        builder.Services.AddSingleton(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions().ForUpstream(64)));
        builder.Services.AddScoped<GatewayClients>();
        builder.Services.AddScoped<PlatformQueries>();
        return builder;
    }
}
