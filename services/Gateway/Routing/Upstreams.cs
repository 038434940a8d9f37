namespace PerfPlatform.Gateway.Routing;

/// <summary>Where each service listens: its HTTP/1.1 port (REST) and its h2c port (gRPC).</summary>
public sealed class UpstreamOptions
{
    public string Http { get; set; } = "";
    public string Grpc { get; set; } = "";
}

public static class Upstreams
{
    public const string Section = "Upstreams";
    public const string Registry = "Registry";
    public const string Indicators = "Indicators";
    public const string Disbursement = "Disbursement";
    public const string Reporting = "Reporting";

    public static readonly string[] All = [Registry, Indicators, Disbursement, Reporting];

    /// <summary>The proto package whose calls (gRPC) and google.api.http routes (REST) go to each service: perfplatform.registry.v1.</summary>
    public static string ProtoPackage(string upstream) => $"perfplatform.{upstream.ToLowerInvariant()}.v1";
}
