using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.TestSupport;

/// <summary>
/// A service's database of its own, dropped on dispose, migrated by the service's real migrator to an older level
/// (<see cref="AtLevelAsync"/>) so that a test can fill it as that level's schema stood and then run the later migrations.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Assembly _service;
    private readonly string _name;

    private ScratchDatabase(Assembly service, string name) => (_service, _name) = (service, name);

    public string ConnectionString => TestEnvironment.PgConnectionString(_name);

    /// <summary>A new database with the migrations up to and including <paramref name="lastMigration"/> applied.</summary>
    public static async Task<ScratchDatabase> AtLevelAsync(Assembly service, string lastMigration)
    {
        var database = new ScratchDatabase(service, TestEnvironment.NewName("perfmig"));
        await new SqlMigrator(database.ConnectionString, NullLogger.Instance)
            .MigrateAsync(service, createIfMissing: true, stopAfter: lastMigration);
        return database;
    }

    /// <summary>The service's migrations, as loaded from its built assembly (for test projects that do not reference it).</summary>
    public static Assembly ServiceAssembly(string folder) => Assembly.LoadFrom(TestEnvironment.ServiceDll(folder));

    public Task MigrateAsync() => new SqlMigrator(ConnectionString, NullLogger.Instance).MigrateAsync(_service, createIfMissing: false);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Each row of the query as an array of its values (DBNull as null).</summary>
    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The data type of each named column of the table, as information_schema names it.</summary>
    public async Task<Dictionary<string, string>> ColumnTypesAsync(string table) =>
        (await RowsAsync($"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}'"))
        .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    public async ValueTask DisposeAsync()
    {
        await TestEnvironment.DropDatabaseAsync(_name);
    }
}
