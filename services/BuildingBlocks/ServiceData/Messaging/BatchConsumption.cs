using Microsoft.EntityFrameworkCore;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Events are consumed in batches (<see cref="EventEndpoint"/>): one transaction for up to <see cref="MessageLimit"/>
/// events instead of one each (a registration's events cost about a fifth less CPU in Reporting and PostgreSQL, issue
/// 13's P1). Every consumer here is idempotent (version gates, upserts that keep the newer version), so a batch that
/// fails is simply applied again.
/// </summary>
public static class BatchConsumption
{
    /// <summary>At most this many events in one transaction.</summary>
    public const int MessageLimit = 50;

    /// <summary>
    /// Applies a batch's events in one transaction, ordered (stably, so that a project's events keep the queue's order) by
    /// the locks they take: two batches that lock in the same order cannot each hold what the other waits for. When the
    /// batch fails, each event is applied alone, so that one event the service cannot take holds back no other, and the
    /// first failure is thrown again (the batch is retried, then dead-lettered; the events already applied are no-ops then).
    /// </summary>
    public static async Task ApplyInOrderAsync(this DbContext db, IReadOnlyList<Delivery> batch, Func<object, string> lockOrder,
        Func<Delivery, CancellationToken, Task> apply, CancellationToken ct)
    {
        var events = batch.OrderBy(e => lockOrder(e.Message), StringComparer.Ordinal).ToList();
        try
        {
            await ApplyAsync(db, events, apply, ct);
        }
        catch (Exception) when (events.Count > 1 && !ct.IsCancellationRequested)
        {
            Exception? failed = null;
            foreach (var one in events)
            {
                try { await ApplyAsync(db, [one], apply, ct); }
                catch (Exception e) { failed ??= e; }
            }
            if (failed is not null) throw failed;
        }
    }

    private static async Task ApplyAsync(DbContext db, IReadOnlyList<Delivery> events, Func<Delivery, CancellationToken, Task> apply,
        CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var e in events)
        {
            // An entity read for an earlier event of the batch would otherwise be served as it was then.
            db.ChangeTracker.Clear();
            await apply(e, ct);
        }
        await tx.CommitAsync(ct);
    }
}
