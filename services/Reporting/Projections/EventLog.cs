using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfPlatform.Reporting.Persistence;
using PerfPlatform.ServiceDefaults.Messaging;

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

    /// <summary>Every logged event in arrival order.</summary>
    public static async IAsyncEnumerable<object> ReadAllAsync(NpgsqlDataSource dataSource,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT message_type, payload::text FROM event_log ORDER BY sequence");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = Type.GetType(reader.GetString(0), throwOnError: true)!;
            yield return JsonSerializer.Deserialize(reader.GetString(1), type, OutboxMessage.Json)!;
        }
    }
}
