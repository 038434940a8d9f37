using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PerfPlatform.Reporting.Projections;

/// <summary>Keeps every received event (once per message id) so that the read model can be rebuilt from scratch.</summary>
public static class EventLog
{
    /// <summary>Appends the event; false when this message id was already received (a redelivery).</summary>
    public static async Task<bool> AppendAsync(ReportingDb db, Guid messageId, object message, DateTimeOffset? sentAt, CancellationToken ct)
    {
        var payload = JsonSerializer.Serialize(message, message.GetType(), OutboxMessage.Json);
        var rows = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO event_log (message_id, message_type, payload, sent_at)
            VALUES ({messageId}, {OutboxMessage.TypeName(message.GetType())}, {payload}::jsonb, {sentAt})
            ON CONFLICT (message_id) DO NOTHING
            """, ct);
        return rows == 1;
    }

    /// <summary>
    /// Up to <paramref name="size"/> logged events after sequence <paramref name="after"/>, in arrival order, read on the
    /// context's connection and inside its transaction.
    /// </summary>
    public static async Task<List<(long Sequence, object Message)>> ReadBatchAsync(ReportingDb db, long after, int size, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var cmd = new NpgsqlCommand(
            "SELECT sequence, message_type, payload::text FROM event_log WHERE sequence > @after ORDER BY sequence LIMIT @size", connection,
            (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("size", size);
        var batch = new List<(long, object)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = Type.GetType(reader.GetString(1), throwOnError: true)!;
            batch.Add((reader.GetInt64(0), JsonSerializer.Deserialize(reader.GetString(2), type, OutboxMessage.Json)!));
        }
        return batch;
    }
}
