namespace PerfPlatform.ServiceDefaults.Hosting;

/// <summary>Where a service listens: HTTP/1.1 for REST, health and metrics; an HTTP/2-only port for h2c gRPC.</summary>
public sealed class PortsOptions
{
    public const string Section = "Ports";

    /// <summary>Address to bind; loopback by default, 0.0.0.0 in containers.</summary>
    public string Host { get; set; } = "127.0.0.1";
    public int Http { get; set; }
    public int Grpc { get; set; }
    /// <summary>
    /// When set, /metrics is served on this port only (and nothing else is), so that a network policy can open it to the
    /// monitoring namespace alone; unset, /metrics is on the HTTP port. The chart sets it for the gateway, whose HTTP port
    /// is public.
    /// </summary>
    public int Metrics { get; set; }
}

public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted (REST and gRPC), in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
