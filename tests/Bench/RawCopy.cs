using Npgsql;
using NpgsqlTypes;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.TestSupport;

namespace PerfPlatform.Bench;

/// <summary>
/// P3's baseline: a database of its own with the payments table as a bare COPY target (its key and the voucher's unique
/// index, nothing else), into which each batch's rows go by one binary COPY. Dropped when disposed.
/// </summary>
public sealed class RawCopy : IAsyncDisposable
{
    private readonly string _database;
    private readonly NpgsqlConnection _connection;

    private RawCopy(string database, NpgsqlConnection connection) => (_database, _connection) = (database, connection);

    public static async Task<RawCopy> CreateAsync()
    {
        var database = TestEnvironment.NewName("perfbench");
        await TestEnvironment.CreateDatabaseAsync(database);
        var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(database));
        await connection.OpenAsync();
        await new NpgsqlCommand("""
            CREATE TABLE disbursements (id bigserial PRIMARY KEY, division_code text, unit_code text, project_code text, voucher_id text,
                date date, amount_fen bigint, fund_source text, note text, recorded_at timestamptz, recorded_by text,
                UNIQUE (division_code, unit_code, voucher_id))
            """, connection).ExecuteNonQueryAsync();
        return new RawCopy(database, connection);
    }

    /// <summary>The seconds one COPY of the rows takes.</summary>
    public async Task<double> CopyAsync(IReadOnlyCollection<RecordDisbursementRequest> rows)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var writer = await _connection.BeginBinaryImportAsync(
            "COPY disbursements (division_code, unit_code, project_code, voucher_id, date, amount_fen, fund_source, note, recorded_at, recorded_by) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync("130636");
                await writer.WriteAsync("434001");
                await writer.WriteAsync(r.ProjectCode);
                await writer.WriteAsync(r.VoucherId);
                await writer.WriteAsync(new DateOnly(2021, 5, 1), NpgsqlDbType.Date);
                await writer.WriteAsync(r.AmountFen, NpgsqlDbType.Bigint);
                await writer.WriteAsync(r.FundSource);
                await writer.WriteAsync(r.Note);
                await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("bench");
            }
            await writer.CompleteAsync();
        }
        return clock.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestEnvironment.DropDatabaseAsync(_database);
    }
}
