using System.Net;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace PerfPlatform.Gateway.Routing;

/// <summary>
/// Which service owns which path. gRPC goes by proto package to the service's h2c port (HTTP/2 exactly); REST goes by
/// the method and path of each google.api.http rule of the package's protos to its HTTP/1.1 port (routing's own
/// precedence puts "/v1/projects/{code}:submit" before "/v1/projects/{code}").
/// </summary>
public static class RouteTable
{
    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(IConfiguration configuration)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var upstream in Upstreams.All)
        {
            var options = configuration.GetSection($"{Upstreams.Section}:{upstream}").Get<UpstreamOptions>() ?? new UpstreamOptions();
            if (options.Grpc.Length > 0)
            {
                clusters.Add(Cluster($"{upstream}-grpc", options.Grpc, http2: true));
                routes.Add(Route($"{upstream}-grpc", $"{upstream}-grpc", $"/{Upstreams.ProtoPackage(upstream)}.{{service}}/{{method}}", order: 0));
                // Published data (绩效信息公开) is for anyone, without a token, still rate limited (by address).
                foreach (var method in ProtoRoutes.PublicMethods(Upstreams.ProtoPackage(upstream)))
                    routes.Add(Route($"{upstream}-grpc-public-{method.Name}", $"{upstream}-grpc", $"/{method.Service.FullName}/{method.Name}", order: -1,
                        anonymous: true));
                if (upstream == Upstreams.Registry)
                    routes.Add(Route("diagnostics-grpc", $"{upstream}-grpc", "/perfplatform.common.v1.Diagnostics/{method}", order: 0));
            }
            if (options.Http.Length > 0)
            {
                clusters.Add(Cluster($"{upstream}-http", options.Http, http2: false));
                routes.AddRange(ProtoRoutes.Of(Upstreams.ProtoPackage(upstream))
                    .Select((r, i) => Route($"{upstream}-rest-{i}", $"{upstream}-http", r.Pattern, order: 0, r.Method, ProtoRoutes.IsPublic(r.Template))));
            }
        }
        return (routes, clusters);
    }

    private static RouteConfig Route(string id, string cluster, string path, int order, string? method = null, bool anonymous = false) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Order = order,
        AuthorizationPolicy = anonymous ? "anonymous" : null,
        Match = new RouteMatch { Path = path, Methods = method is null ? null : [method] },
    };

    private static ClusterConfig Cluster(string id, string address, bool http2) => new()
    {
        ClusterId = id,
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = address } },
        HttpRequest = http2
            ? new ForwarderRequestConfig { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact }
            : new ForwarderRequestConfig { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower },
    };
}
