using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PerfPlatform.TestSupport;

/// <summary>Where the repository, the servers and the built services are; deploy/local/test exports the settings.</summary>
public static class TestEnvironment
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Configuration =>
        Environment.GetEnvironmentVariable("PERF_CONFIGURATION")
        ?? (AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug");

    public static string PgAdminConnectionString =>
        Environment.GetEnvironmentVariable("PERF_TEST_PG_ADMIN")
        ?? "Host=127.0.0.1;Port=55432;Database=postgres;Username=perfplatform;Password=perfplatform-local";

    public static string PgConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PgAdminConnectionString) { Database = database }.ConnectionString;

    public static ushort RabbitPort => ushort.Parse(Environment.GetEnvironmentVariable("PERF_TEST_RABBIT_PORT") ?? "55672");
    public static string RabbitUser => Environment.GetEnvironmentVariable("PERF_TEST_RABBIT_USER") ?? "perfplatform";
    public static string RabbitPassword => Environment.GetEnvironmentVariable("PERF_TEST_RABBIT_PASSWORD") ?? "perfplatform-local";

    public static string SeedPath => Path.Combine(RepoRoot, "samples", "000_da12ff3c3ef1dc10.txt");

    public static string ServiceDll(string folder) =>
        Path.Combine(RepoRoot, "services", folder, "bin", Configuration, "net10.0", $"PerfPlatform.{folder}.dll");

    public static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    // Below the kernel's ephemeral range (32768-60999 by default): a port the system hands out for port 0 can be taken
    // by any outgoing connection (the services' own, to PostgreSQL and RabbitMQ) before the service that chose it binds.
    private const int FirstPort = 20_000, PortCount = 12_000;
    private static int _portCursor = Random.Shared.Next(PortCount);

    public static int FreePort()
    {
        for (var tried = 0; tried < PortCount; tried++)
        {
            var port = FirstPort + (int)((uint)Interlocked.Increment(ref _portCursor) % PortCount);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: try the next one
            }
        }
        throw new InvalidOperationException($"No free port on 127.0.0.1 between {FirstPort} and {FirstPort + PortCount - 1}.");
    }

    /// <summary>Runs deploy/local/rabbit with the arguments (e.g. "ctl", "add_vhost", "x") and returns its output.</summary>
    public static async Task<string> RabbitAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(RepoRoot, "deploy", "local", "rabbit"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var (exitCode, output, errors) = await ProcessRun.RunAsync(start, Timeout.InfiniteTimeSpan);
        if (exitCode != 0)
            throw new InvalidOperationException($"deploy/local/rabbit {string.Join(' ', args)} failed: {errors}{output}");
        return output;
    }

    public static async Task<string> NewVirtualHostAsync()
    {
        var vhost = NewName("perftest");
        await RabbitAsync("ctl", "add_vhost", vhost);
        await RabbitAsync("ctl", "set_permissions", "-p", vhost, RabbitUser, ".*", ".*", ".*");
        return vhost;
    }

    /// <summary>A new, empty database of that name; <see cref="DropDatabaseAsync"/> removes it.</summary>
    public static async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PgAdminConnectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection).ExecuteNonQueryAsync();
    }

    /// <remarks>
    /// PostgreSQL 15 refuses to force out an autovacuum worker that is vacuuming the database (it belongs to no role the
    /// admin is a member of), so a drop just after many writes may be refused once or twice; the worker soon ends.
    /// </remarks>
    public static async Task DropDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(PgAdminConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await cmd.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }

    private static string FindRepoRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PERF_REPO_ROOT");
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PerfPlatform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (PerfPlatform.sln); set PERF_REPO_ROOT.");
    }
}
