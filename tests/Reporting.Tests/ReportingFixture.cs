using Npgsql;
using PerfPlatform.TestSupport;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Reporting.Tests;

/// <summary>Registry and Reporting on one virtual host: Reporting learns everything from the registry's events.</summary>
public sealed class ReportingFixture : IAsyncLifetime
{
    public const string Division = "130636";

    public PlatformStack Stack { get; private set; } = null!;
    public RegistryClient Registry { get; private set; } = null!;
    public ReportingClient Reporting { get; private set; } = null!;

    public ReportingClient ReportingFor(string token) => new(Stack.Channel(PlatformStack.Reporting, token));

    public async Task InitializeAsync()
    {
        Stack = await PlatformStack.StartAsync(new Dictionary<string, string> { ["Submission__RequireIndicators"] = "false" },
            PlatformStack.Registry, PlatformStack.Reporting);
        Registry = new RegistryClient(Stack.Channel(PlatformStack.Registry, Stack.FinanceToken()));
        Reporting = ReportingFor(Stack.FinanceToken());
        await ReferenceData.SeedAsync(Registry, Division, ("434001", "政府办（本级）"), ("434002", "金融服务中心"), ("435001", "教育局（本级）"));
    }

    /// <summary>A connection to Reporting's own database, to read its event log or to damage its read model on purpose.</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(Stack.Database(PlatformStack.Reporting)));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Waits until Reporting has logged this many events about the project. An event is logged and applied in one
    /// transaction, so a logged event is an applied one; each consumer has its own queue, so no other event says so.
    /// </summary>
    public async Task WaitForLoggedAsync(string projectCode, int count)
    {
        await using var connection = await OpenDatabaseAsync();
        await Eventually.Until(async () =>
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM event_log WHERE payload->>'projectCode' = @code", connection);
            cmd.Parameters.AddWithValue("code", projectCode);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }, logged => logged >= count, $"Reporting to log {count} events about {projectCode}");
    }

    /// <summary>Waits until Reporting has logged (and so applied) the registry's version of the project, or a newer one.</summary>
    public async Task WaitForProjectVersionAsync(string projectCode, long version)
    {
        await using var connection = await OpenDatabaseAsync();
        await Eventually.Until(async () =>
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT count(*) FROM event_log
                WHERE message_type LIKE 'PerfPlatform.Contracts.Registry.Project%' AND payload->>'projectCode' = @code
                  AND (payload->>'version')::bigint >= @version
                """, connection);
            cmd.Parameters.AddWithValue("code", projectCode);
            cmd.Parameters.AddWithValue("version", version);
            return (long)(await cmd.ExecuteScalarAsync())! > 0;
        }, $"Reporting to log version {version} of {projectCode}");
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
