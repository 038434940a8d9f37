using System.Diagnostics.Metrics;
using MassTransit;

namespace PerfPlatform.Reporting.Projections;

/// <summary>Logs and applies one integration event in a single transaction; a redelivered message changes nothing.</summary>
public sealed class EventConsumer<T>(ReportingDb db, Projector projector, ProjectionLag lag) : IConsumer<T> where T : class
{
    public async Task Consume(ConsumeContext<T> context)
    {
        var ct = context.CancellationToken;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sentAt = context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        if (await EventLog.AppendAsync(db, context.MessageId ?? NewId.NextGuid(), context.Message, sentAt, ct))
            await projector.ApplyAsync(context.Message, ct);
        await tx.CommitAsync(ct);
        lag.Observe(sentAt);
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
