using Npgsql;
using PerfPlatform.TestSupport;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// Everything the platform has stored: for every table of every service's database (the read model, audit entries,
/// outbox and projection versions included), its row count and an md5 of its rows in order.
/// </summary>
public static class StoredState
{
    private static readonly string[] Services =
        [PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement, PlatformStack.Reporting];

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(PlatformStack stack)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(stack.Database(service)));
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            var sql = string.Join(" UNION ALL ", tables.Select(t =>
                $"SELECT '{t}', count(*) || ' rows ' || coalesce(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') FROM \"{t}\" x"));
            await using var command = new NpgsqlCommand(sql, connection);
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync()) state[$"{service}.{rows.GetString(0)}"] = rows.GetString(1);
        }
        return state;
    }

    /// <summary>
    /// The state once the platform has settled: no outbox row waits to be published, no published event waits in a queue,
    /// and two readings a moment apart agree, so that events still travelling from earlier valid requests are not taken
    /// for changes made by later ones. (Without the queues, a consumer that paused longer than the readings' interval —
    /// Reporting applying a burst under load — looked settled with events still queued.)
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> SettledAsync(PlatformStack stack)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var last = await ReadAsync(stack);
        while (true)
        {
            await Task.Delay(300);
            var now = await ReadAsync(stack);
            if (Diff(last, now).Length == 0 && await UnsentAsync(stack) == 0 && await Consumed.IdleAsync(stack)
                && Diff(now, await ReadAsync(stack)).Length == 0) return now;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the stored state did not settle within 90 s: " + Diff(last, now));
            last = now;
        }
    }

    /// <summary>The tables whose rows differ, or "" when none does.</summary>
    public static string Diff(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        string.Join(", ", before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k} ({before.GetValueOrDefault(k) ?? "absent"} → {after.GetValueOrDefault(k) ?? "absent"})"));

    private static async Task<long> UnsentAsync(PlatformStack stack)
    {
        long unsent = 0;
        foreach (var service in Services)
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(stack.Database(service)));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND parked_at IS NULL", connection);
            unsent += (long)(await command.ExecuteScalarAsync())!;
        }
        return unsent;
    }
}
