using Grpc.Core;
using Grpc.Net.Client;
using PerfPlatform.ServiceDefaults.Auth;

namespace PerfPlatform.TestSupport;

/// <summary>
/// A private copy of the platform for one test class: its own databases, its own RabbitMQ virtual host, its own signing
/// key and free ports, so that test classes never see each other's data or events.
/// </summary>
public sealed class PlatformStack : IAsyncDisposable
{
    public const string Registry = "ProjectRegistry";
    public const string Indicators = "IndicatorCatalogue";
    public const string Disbursement = "DisbursementTracking";
    public const string Reporting = "Reporting";
    public const string Gateway = "Gateway";

    private static readonly Dictionary<string, string> UpstreamNames = new()
    {
        [Registry] = "Registry", [Indicators] = "Indicators", [Disbursement] = "Disbursement", [Reporting] = "Reporting",
    };

    private readonly Dictionary<string, ServiceProcess> _services = new();
    // Every service's ports are chosen before any starts, so that services that call each other know where.
    private readonly Dictionary<string, (int Http, int Grpc)> _ports = new();
    private readonly Dictionary<string, string> _databases = new();
    private readonly List<GrpcChannel> _channels = [];
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"perf-test-{Guid.NewGuid():N}.key");

    public byte[] SigningKey { get; } = Convert.FromBase64String(DevTokens.NewSigningKey());
    public string VirtualHost { get; private set; } = "/";

    public ServiceProcess this[string folder] => _services[folder];
    public string Database(string folder) => _databases[folder];

    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();

    /// <summary>Starts the services in order (the gateway, when named, last and pointed at the others).</summary>
    public static Task<PlatformStack> StartAsync(params string[] folders) => StartAsync(new Dictionary<string, string>(), folders);

    /// <summary>As <see cref="StartAsync(string[])"/>, with extra configuration (environment variables) for every service.</summary>
    public static async Task<PlatformStack> StartAsync(IReadOnlyDictionary<string, string> settings, params string[] folders)
    {
        var stack = new PlatformStack { _settings = settings };
        try
        {
            await File.WriteAllTextAsync(stack._keyFile, Convert.ToBase64String(stack.SigningKey));
            stack.VirtualHost = await TestEnvironment.NewVirtualHostAsync();
            foreach (var folder in folders) stack._ports[folder] = (TestEnvironment.FreePort(), TestEnvironment.FreePort());
            foreach (var folder in folders.Where(f => f != Gateway)) await stack.StartServiceAsync(folder);
            if (folders.Contains(Gateway)) await stack.StartServiceAsync(Gateway);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task StartServiceAsync(string folder)
    {
        var env = new Dictionary<string, string>
        {
            ["Auth__SigningKeyFile"] = _keyFile,
            ["RabbitMq__Host"] = "127.0.0.1",
            ["RabbitMq__Port"] = TestEnvironment.RabbitPort.ToString(),
            ["RabbitMq__VirtualHost"] = VirtualHost,
            ["RabbitMq__Username"] = TestEnvironment.RabbitUser,
            ["RabbitMq__Password"] = TestEnvironment.RabbitPassword,
        };
        if (folder != Gateway)
        {
            var database = TestEnvironment.NewName("perft");
            _databases[folder] = database;
            env["ConnectionStrings__Postgres"] = TestEnvironment.PgConnectionString(database);
        }
        foreach (var (other, (http, grpc)) in _ports.Where(p => p.Key != Gateway))
        {
            env[$"Upstreams__{UpstreamNames[other]}__Http"] = $"http://127.0.0.1:{http}";
            env[$"Upstreams__{UpstreamNames[other]}__Grpc"] = $"http://127.0.0.1:{grpc}";
        }
        if (folder == Gateway)
            foreach (var name in UpstreamNames.Where(u => !_ports.ContainsKey(u.Key)).Select(u => u.Value))
            {
                // A service this stack does not run must not be reached at the developer's default port.
                env[$"Upstreams__{name}__Http"] = "";
                env[$"Upstreams__{name}__Grpc"] = "";
            }
        foreach (var (key, value) in _settings) env[key] = value;
        _services[folder] = await ServiceProcess.StartAsync(folder, _ports[folder].Http, _ports[folder].Grpc, env);
    }

    public string FinanceToken(string subject = "finance-test") => DevTokens.Finance(SigningKey, subject);

    public string DepartmentToken(string division, params string[] units) =>
        DevTokens.Department(SigningKey, units.Select(u => (division, u)));

    /// <summary>A gRPC channel to a service's h2c port (or the gateway's) that sends the token with every call.</summary>
    public GrpcChannel Channel(string folder, string? token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            if (token is not null) metadata.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        });
        var channel = GrpcChannel.ForAddress(_services[folder].GrpcAddress, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        _channels.Add(channel);
        return channel;
    }

    /// <summary>An HTTP client for a service's REST port (or the gateway's) with the token as bearer.</summary>
    public HttpClient Http(string folder, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_services[folder].HttpAddress), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public string Logs => string.Join("\n", _services.Select(s => $"== {s.Key}\n{s.Value.Log}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        foreach (var service in _services.Values.Reverse()) await service.DisposeAsync();
        foreach (var database in _databases.Values)
        {
            try { await TestEnvironment.DropDatabaseAsync(database); } catch (Npgsql.NpgsqlException) { }
        }
        if (VirtualHost != "/")
        {
            try { await TestEnvironment.RabbitAsync("ctl", "delete_vhost", VirtualHost); } catch (InvalidOperationException) { }
        }
        File.Delete(_keyFile);
    }
}
