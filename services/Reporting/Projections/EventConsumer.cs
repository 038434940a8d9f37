using System.Diagnostics.Metrics;
using MassTransit;
using PerfPlatform.Reporting.Persistence;

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

/// <summary>How long the newest applied event took from publication to the read model.</summary>
public sealed class ProjectionLag
{
    private double _seconds;

    public ProjectionLag(IMeterFactory meters)
    {
        var meter = meters.Create("PerfPlatform.Reporting");
        meter.CreateObservableGauge("perf_read_model_lag_seconds", () => Volatile.Read(ref _seconds), "s",
            "Seconds from an event's publication to its application in the read model (newest event)");
    }

    public void Observe(DateTimeOffset? sentAt)
    {
        if (sentAt is { } sent) Volatile.Write(ref _seconds, Math.Max(0, (DateTimeOffset.UtcNow - sent).TotalSeconds));
    }
}
