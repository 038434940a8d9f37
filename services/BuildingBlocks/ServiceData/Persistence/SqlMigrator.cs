using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PerfPlatform.ServiceDefaults.Persistence;

/// <summary>
/// Applies embedded *.sql migrations in name order, each once, in its own transaction, under an advisory lock so that
/// several replicas (or the Helm migration Job) may start together. The building blocks' own come first.
/// </summary>
public sealed class SqlMigrator(string connectionString, ILogger logger)
{
    private const long LockKey = 0x5045_5246_4D49_47; // "PERFMIG"

    /// <param name="stopAfter">
    /// The id of the last migration to apply ("registry/0002_approved_budget.sql"), leaving the database at that level
    /// (tests of a later migration's data conversion); null applies all.
    /// </param>
    public async Task MigrateAsync(Assembly serviceAssembly, bool createIfMissing, CancellationToken ct = default, string? stopAfter = null)
    {
        var scripts = Scripts(typeof(SqlMigrator).Assembly).Concat(Scripts(serviceAssembly)).ToList();
        if (stopAfter is not null && scripts.All(s => s.Id != stopAfter))
            throw new ArgumentException($"No migration {stopAfter}.", nameof(stopAfter));
        if (createIfMissing) await CreateDatabaseIfMissingAsync(ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Execute(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", ct);
            var applied = new HashSet<string>();
            await using (var cmd = new NpgsqlCommand("SELECT id FROM schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));

            foreach (var (id, sql) in scripts.TakeWhile((_, i) => i == 0 || scripts[i - 1].Id != stopAfter))
            {
                if (applied.Contains(id)) continue;
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, sql, ct);
                await using (var mark = new NpgsqlCommand("INSERT INTO schema_migrations (id) VALUES (@id)", connection, tx))
                {
                    mark.Parameters.AddWithValue("id", id);
                    await mark.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Migration}", id);
            }
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static IEnumerable<(string Id, string Sql)> Scripts(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n, reader.ReadToEnd());
            });

    private async Task CreateDatabaseIfMissingAsync(CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        try
        {
            await Execute(connection, null, $"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", ct);
            logger.LogInformation("Created database {Database}", database);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica created it first.
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
