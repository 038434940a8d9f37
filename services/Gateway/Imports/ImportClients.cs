using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.Gateway.Routing;
using PerfPlatform.Importing;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Gateway.Imports;

/// <summary>
/// The importer's channels to the services' gRPC ports. Each call carries the caller's Authorization header, so each
/// service applies the caller's rights, and a deadline of its own: storing a project's indicators runs the target checks,
/// which on a busy host take longer than the 10 s of ordinary service-to-service calls.
/// </summary>
public sealed class ImportClients(IConfiguration configuration) : IDisposable
{
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(60);

    private readonly GrpcChannel _registry = Channel(configuration, Upstreams.Registry);
    private readonly GrpcChannel _indicators = Channel(configuration, Upstreams.Indicators);
    private readonly GrpcChannel _disbursement = Channel(configuration, Upstreams.Disbursement);

    private static GrpcChannel Channel(IConfiguration configuration, string upstream)
    {
        var address = configuration[$"{Upstreams.Section}:{upstream}:Grpc"];
        if (string.IsNullOrWhiteSpace(address)) throw new InvalidOperationException($"{Upstreams.Section}:{upstream}:Grpc is not configured.");
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions().ForUpstream(16));
    }

    public DocumentImporter Importer(string authorization, ImportOptions options)
    {
        var caller = new CallerInterceptor(authorization);
        return new DocumentImporter(new RegistryClient(_registry.Intercept(caller)), new CatalogueClient(_indicators.Intercept(caller)),
            new SpendingPlanClient(new DisbursementClient(_disbursement.Intercept(caller))), options);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _indicators.Dispose();
        _disbursement.Dispose();
    }

    private sealed class CallerInterceptor(string authorization) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            var headers = new Metadata { { "Authorization", authorization } };
            var options = context.Options.WithHeaders(headers).WithDeadline(context.Options.Deadline ?? DateTime.UtcNow + CallDeadline);
            return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
        }
    }
}
