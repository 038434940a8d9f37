using System.Net;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace PerfPlatform.Gateway.Routing;

/// <summary>
/// Which service owns which path. gRPC goes by proto package to the service's h2c port (HTTP/2 exactly); REST goes by
/// resource path to its HTTP/1.1 port. More specific REST paths carry a lower Order so they win over broader ones.
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
                if (upstream == Upstreams.Registry)
                    routes.Add(Route("diagnostics-grpc", $"{upstream}-grpc", "/perfplatform.common.v1.Diagnostics/{method}", order: 0));
            }
            if (options.Http.Length > 0)
            {
                clusters.Add(Cluster($"{upstream}-http", options.Http, http2: false));
                routes.AddRange(RestPaths(upstream).Select((p, i) => Route($"{upstream}-rest-{i}", $"{upstream}-http", p.Path, p.Order)));
            }
        }
        return (routes, clusters);
    }

    /// <summary>The REST resources of DESIGN.md §3, per owning service.</summary>
    public static IEnumerable<(string Path, int Order)> RestPaths(string upstream) => upstream switch
    {
        Upstreams.Registry =>
        [
            ("/v1/divisions", 100), ("/v1/divisions/{**rest}", 100),
            ("/v1/projects/{code}", 100), ("/v1/projects/{code}/revisions/{**rest}", 50), ("/v1/projects/{code}/audit", 50),
            ("/v1/audit", 100),
        ],
        Upstreams.Indicators =>
        [
            ("/v1/projects/{code}/indicators", 10), ("/v1/projects/{code}/indicators/{**rest}", 10),
            ("/v1/projects/{code}/indicators:recordActuals", 10),
            ("/v1/targets:lint", 10), ("/v1/indicator-library", 10), ("/v1/indicator-library/{**rest}", 10),
            ("/v1/frameworks", 10), ("/v1/frameworks/{**rest}", 10), ("/v1/checks", 10),
        ],
        Upstreams.Disbursement =>
        [
            ("/v1/projects/{code}/spending-plan", 10), ("/v1/projects/{code}/disbursements", 10),
            ("/v1/projects/{code}/disbursements/{**rest}", 10), ("/v1/projects/{code}/execution", 10),
            ("/v1/disbursements:batch", 10), ("/v1/warnings", 10),
        ],
        Upstreams.Reporting =>
        [
            ("/v1/reports/{**rest}", 10),
            ("/v1/divisions/{division}/units/{unit}/years/{year}/target-document", 10),
            ("/v1/divisions/{division}/units/{unit}/overview", 10),
        ],
        _ => [],
    };

    private static RouteConfig Route(string id, string cluster, string path, int order) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Order = order,
        Match = new RouteMatch { Path = path },
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
