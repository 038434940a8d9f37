using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Publishes outbox rows in commit order with publisher confirms and marks them sent. A crash between the publish and
/// the mark re-publishes the row later; consumers' version checks make that harmless. Rows are locked with
/// SKIP LOCKED, so several replicas may dispatch side by side.
/// </summary>
public sealed class OutboxDispatcher(NpgsqlDataSource dataSource, IBus bus, OutboxSignal signal,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KeepSent = TimeSpan.FromDays(7);

    private static readonly Meter Meter = new("PerfPlatform.Outbox");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("perf_outbox_published", description: "Events published from the outbox");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("perf_outbox_publish_failures", description: "Failed outbox publish attempts");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        var nextCleanup = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DispatchBatchAsync(stoppingToken);
                backoff = TimeSpan.Zero;
                if (DateTimeOffset.UtcNow >= nextCleanup)
                {
                    await DeleteOldSentAsync(stoppingToken);
                    nextCleanup = DateTimeOffset.UtcNow.AddHours(1);
                }
                if (sent < BatchSize) await signal.WaitAsync(PollInterval, stoppingToken);
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

    /// <summary>Publishes one batch; returns how many rows were sent.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = new List<(long Sequence, Guid Id, string Type, string Payload)>();
        await using (var select = new NpgsqlCommand(
            "SELECT sequence, id, message_type, payload::text FROM outbox_messages WHERE sent_at IS NULL " +
            "ORDER BY sequence LIMIT @n FOR UPDATE SKIP LOCKED", connection, tx))
        {
            select.Parameters.AddWithValue("n", BatchSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3)));
        }
        if (rows.Count == 0) return 0;

        var sent = new List<long>();
        Exception? failure = null;
        foreach (var row in rows)
        {
            try
            {
                var type = Type.GetType(row.Type, throwOnError: true)!;
                var message = JsonSerializer.Deserialize(row.Payload, type, OutboxMessage.Json)!;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(PublishTimeout);
                await bus.Publish(message, type, context => context.MessageId = row.Id, timeout.Token);
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
        return sent.Count;
    }

    private async Task DeleteOldSentAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM outbox_messages WHERE sent_at < now() - @keep");
        cmd.Parameters.AddWithValue("keep", KeepSent);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
