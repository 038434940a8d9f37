using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>Wakes the dispatcher as soon as a transaction that added outbox rows has been saved.</summary>
public sealed class OutboxSignal : SaveChangesInterceptor
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Notify();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Notify();
        return result;
    }
}

public static class OutboxDbContextExtensions
{
    /// <summary>Adds an integration event to the unit of work: it commits with the state change or not at all.</summary>
    public static void Publish(this DbContext db, object message) => db.Set<OutboxMessage>().Add(OutboxMessage.From(message));
}
