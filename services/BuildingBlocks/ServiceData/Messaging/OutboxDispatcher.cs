using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Publishes outbox rows in commit order with publisher confirms and marks them sent. A crash between the publish and
/// the mark re-publishes the row later; consumers' version checks make that harmless. Rows are locked with
/// SKIP LOCKED, so several replicas may dispatch side by side. A row that can never be published (its type or payload no
/// longer reads) is parked rather than retried forever, so that it does not hold back every event after it.
/// </summary>
public sealed class OutboxDispatcher(NpgsqlDataSource dataSource, EventBus bus, OutboxSignal signal,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KeepSent = TimeSpan.FromDays(7);

    private static readonly Meter Meter = new("PerfPlatform.Outbox");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("perf_outbox_published", description: "Events published from the outbox");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("perf_outbox_publish_failures", description: "Failed outbox publish attempts");
    private static readonly Counter<long> Parked = Meter.CreateCounter<long>("perf_outbox_parked", description: "Outbox rows parked because they cannot be read");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        var nextCleanup = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var handled = await DispatchBatchAsync(stoppingToken);
                backoff = TimeSpan.Zero;
                if (DateTimeOffset.UtcNow >= nextCleanup)
                {
                    await DeleteOldSentAsync(stoppingToken);
                    nextCleanup = DateTimeOffset.UtcNow.AddHours(1);
                }
                if (handled < BatchSize) await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failures.Add(1);
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
                logger.LogWarning("Outbox dispatch failed, retrying in {Backoff}: {Error}", backoff, e.Message);
                try { await Task.Delay(backoff, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Publishes one batch; returns how many rows it settled (sent or parked).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = new List<(long Sequence, Guid Id, string Type, string Payload)>();
        await using (var select = new NpgsqlCommand(
            "SELECT sequence, id, message_type, payload::text FROM outbox_messages WHERE sent_at IS NULL AND parked_at IS NULL " +
            "ORDER BY sequence LIMIT @n FOR UPDATE SKIP LOCKED", connection, tx))
        {
            select.Parameters.AddWithValue("n", BatchSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        }
        if (rows.Count == 0) return 0;

        var sent = new List<long>();
        var parked = 0;
        Exception? failure = null;
        foreach (var row in rows)
        {
            if (!TryRead(row.Type, row.Payload, out var type, out var unreadable))
            {
                logger.LogError("Outbox row {Sequence} ({Type}) cannot be read and is parked: {Error}", row.Sequence, row.Type, unreadable);
                await using var park = new NpgsqlCommand(
                    "UPDATE outbox_messages SET parked_at = now(), attempts = attempts + 1, last_error = @error WHERE sequence = @s", connection, tx);
                park.Parameters.AddWithValue("error", unreadable);
                park.Parameters.AddWithValue("s", row.Sequence);
                await park.ExecuteNonQueryAsync(ct);
                Parked.Add(1);
                parked++;
                continue;
            }
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(PublishTimeout);
                await bus.PublishAsync(type, row.Id, System.Text.Encoding.UTF8.GetBytes(row.Payload), timeout.Token);
                sent.Add(row.Sequence);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failure = e;
                await using var mark = new NpgsqlCommand(
                    "UPDATE outbox_messages SET attempts = attempts + 1, last_error = @error WHERE sequence = @s", connection, tx);
                mark.Parameters.AddWithValue("error", e.Message);
                mark.Parameters.AddWithValue("s", row.Sequence);
                await mark.ExecuteNonQueryAsync(ct);
                break; // keep commit order: nothing after a failed row goes out before it
            }
        }
        if (sent.Count > 0)
        {
            await using var done = new NpgsqlCommand(
                "UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1 WHERE sequence = ANY(@s)", connection, tx);
            done.Parameters.AddWithValue("s", sent.ToArray());
            await done.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        Published.Add(sent.Count);
        if (failure is not null) throw new InvalidOperationException($"Publishing outbox row failed: {failure.Message}", failure);
        return sent.Count + parked;
    }

    /// <summary>Whether the row's type still exists and its payload still reads as it (what a consumer will do with it).</summary>
    private static bool TryRead(string typeName, string payload, out Type type, out string error)
    {
        (type, error) = (typeof(object), "");
        try
        {
            type = Type.GetType(typeName, throwOnError: true)!;
            _ = JsonSerializer.Deserialize(payload, type, OutboxMessage.Json) ?? throw new JsonException("The payload is null.");
            return true;
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException or FileLoadException or JsonException or NotSupportedException)
        {
            error = e.Message;
            return false;
        }
    }

    private async Task DeleteOldSentAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM outbox_messages WHERE sent_at < now() - @keep");
        cmd.Parameters.AddWithValue("keep", KeepSent);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
