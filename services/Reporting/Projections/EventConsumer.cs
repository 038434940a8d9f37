using System.Diagnostics.Metrics;
using PerfPlatform.ServiceDefaults.Messaging;

namespace PerfPlatform.Reporting.Projections;

/// <summary>Logs and applies integration events, a batch in a single transaction; a redelivered message changes nothing.</summary>
public sealed class EventConsumer(ReportingDb db, Projector projector, ProjectionLag lag) : IEventHandler
{
    public async Task HandleAsync(IReadOnlyList<Delivery> events, CancellationToken ct)
    {
        await db.ApplyInOrderAsync(events, Projector.LockOrder, async (e, token) =>
        {
            if (await EventLog.AppendAsync(db, e.MessageId ?? Guid.CreateVersion7(), e.Message, e.SentAt, token))
                await projector.ApplyAsync(e.Message, token);
        }, ct);
        foreach (var e in events) lag.Observe(e.SentAt);
    }
}

/// <summary>
/// How long the newest applied event took from publication to the read model, and when it was published: a consumer
/// that has stalled keeps its last small lag, so a dashboard also shows the time since the newest applied event.
/// </summary>
public sealed class ProjectionLag
{
    private double _seconds;
    private double _newestPublished = double.NaN;

    public ProjectionLag(IMeterFactory meters)
    {
        var meter = meters.Create("PerfPlatform.Reporting");
        meter.CreateObservableGauge("perf_read_model_lag_seconds", () => Volatile.Read(ref _seconds), "s",
            "Seconds from an event's publication to its application in the read model (newest event)");
        meter.CreateObservableGauge("perf_read_model_newest_event_timestamp_seconds", NewestPublished, "s",
            "Unix time at which the newest event applied to the read model was published");
    }

    public void Observe(DateTimeOffset? sentAt)
    {
        if (sentAt is not { } sent) return;
        Volatile.Write(ref _seconds, Math.Max(0, (DateTimeOffset.UtcNow - sent).TotalSeconds));
        var published = sent.ToUnixTimeMilliseconds() / 1000.0;
        if (!(Volatile.Read(ref _newestPublished) >= published)) Volatile.Write(ref _newestPublished, published); // NaN: none yet
    }

    private IEnumerable<Measurement<double>> NewestPublished()
    {
        var newest = Volatile.Read(ref _newestPublished);
        return double.IsNaN(newest) ? [] : [new Measurement<double>(newest)];
    }
}
