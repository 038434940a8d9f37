namespace PerfPlatform.ServiceDefaults.Hosting;

/// <summary>Where a service listens: HTTP/1.1 for REST, health and metrics; an HTTP/2-only port for h2c gRPC.</summary>
public sealed class PortsOptions
{
    public const string Section = "Ports";

    /// <summary>Address to bind; loopback by default, 0.0.0.0 in containers.</summary>
    public string Host { get; set; } = "127.0.0.1";
    public int Http { get; set; }
    public int Grpc { get; set; }
}

public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted (REST and gRPC), in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
