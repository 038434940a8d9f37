using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Wakes the dispatcher as soon as outbox rows can be seen: after SaveChanges without an explicit transaction, and when
/// an explicit transaction commits (rows saved inside it are invisible to the dispatcher until then). Only a unit of
/// work that added outbox rows wakes it: every consumer's transaction would otherwise cost a poll of the outbox.
/// </summary>
public sealed class OutboxSignal : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly ConditionalWeakTable<DbContext, object> _unsent = new();

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        NoteOutboxRows(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NoteOutboxRows(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) NotifyIfUnsent(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) NotifyIfUnsent(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        NotifyIfUnsent(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfUnsent(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    private void NoteOutboxRows(DbContext? context)
    {
        if (context is null) return;
        // Publish adds its row as Added at once; SaveChanges detects the other changes itself, so it is not done twice.
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added)) _unsent.AddOrUpdate(context, this);
        }
        finally { tracker.AutoDetectChangesEnabled = detect; }
    }

    private void NotifyIfUnsent(DbContext? context)
    {
        if (context is not null && _unsent.Remove(context)) Notify();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _unsent.Remove(context);
    }
}

public static class OutboxDbContextExtensions
{
    /// <summary>Adds an integration event to the unit of work: it commits with the state change or not at all.</summary>
    public static void Publish(this DbContext db, object message) => db.Set<OutboxMessage>().Add(OutboxMessage.From(message));
}
