using System.Diagnostics.Metrics;
using MassTransit;

namespace PerfPlatform.Reporting.Projections;

/// <summary>Logs and applies integration events, a batch in a single transaction; a redelivered message changes nothing.</summary>
public sealed class EventConsumer<T>(ReportingDb db, Projector projector, ProjectionLag lag) : IConsumer<Batch<T>> where T : class
{
    public async Task Consume(ConsumeContext<Batch<T>> context)
    {
        await db.ApplyInOrderAsync(context.Message, Projector.LockOrder, async (e, ct) =>
        {
            if (await EventLog.AppendAsync(db, e.MessageId ?? NewId.NextGuid(), e.Message, SentAt(e), ct))
                await projector.ApplyAsync(e.Message, ct);
        }, context.CancellationToken);
        foreach (var e in context.Message) lag.Observe(SentAt(e));
    }

    private static DateTimeOffset? SentAt(ConsumeContext e) =>
        e.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null;
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
