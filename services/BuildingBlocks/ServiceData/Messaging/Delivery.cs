namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>An integration event as the bus delivered it: the record, the outbox row's id and when it was published.</summary>
public sealed record Delivery(object Message, Guid? MessageId, DateTimeOffset? SentAt);

/// <summary>
/// Takes an endpoint's events a batch at a time, in the queue's order (<see cref="BusEndpoints.Consume{THandler}"/>).
/// A batch that throws is retried and then split; what still fails goes to the endpoint's <c>_error</c> queue. So a
/// handler must be idempotent: a redelivered or reordered event changes nothing.
/// </summary>
public interface IEventHandler
{
    Task HandleAsync(IReadOnlyList<Delivery> events, CancellationToken ct);
}
