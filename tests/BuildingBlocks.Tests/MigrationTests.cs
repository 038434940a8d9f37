using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfPlatform.ProjectRegistry.Persistence;
using PerfPlatform.ServiceDefaults.Persistence;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_create_the_database_apply_once_and_tolerate_replicas_starting_together()
    {
        var database = TestEnvironment.NewName("perft");
        var connectionString = TestEnvironment.PgConnectionString(database);
        try
        {
            var migrators = Enumerable.Range(0, 3).Select(_ => new SqlMigrator(connectionString, NullLogger.Instance)
                .MigrateAsync(typeof(RegistryDb).Assembly, createIfMissing: true));
            await Task.WhenAll(migrators);
            await new SqlMigrator(connectionString, NullLogger.Instance).MigrateAsync(typeof(RegistryDb).Assembly, createIfMissing: true);

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT id FROM schema_migrations ORDER BY id", connection);
            var applied = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync()) applied.Add(reader.GetString(0));
            Assert.Equal(["buildingblocks/0001_outbox.sql", "buildingblocks/0002_outbox_parking.sql", "registry/0001_registry.sql", "registry/0002_approved_budget.sql",
                "registry/0003_money_in_fen.sql", "registry/0004_known_indicator_sets.sql", "registry/0005_result_application.sql",
                "registry/0006_review_queue.sql"], applied);
        }
        finally
        {
            await TestEnvironment.DropDatabaseAsync(database);
        }
    }
}
