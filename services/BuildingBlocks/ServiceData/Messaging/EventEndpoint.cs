using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// One durable quorum queue bound to the events it consumes, and its <c>_error</c> queue. Deliveries are handled a batch
/// at a time, one batch after another, so the queue's order holds: up to <see cref="BatchConsumption.MessageLimit"/>
/// of the events that arrived while the batch before was handled. A batch that fails is tried again with
/// growing pauses, then event by event; an event that still fails (or cannot be read) goes to the error queue, from which
/// an operator can move it back. The batch is acknowledged only after that, so a crash redelivers it.
/// </summary>
public sealed class EventEndpoint
{
    private static readonly TimeSpan[] RetryPauses =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8)];

    internal static readonly ActivitySource Activities = new("PerfPlatform.Messaging");
    private static readonly Meter Meter = new("PerfPlatform.Messaging");
    private static readonly Counter<long> Consumed = Meter.CreateCounter<long>("perf_bus_consumed", description: "Events handled by an endpoint");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("perf_bus_retries", description: "Batches tried again after a failure");
    private static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("perf_bus_dead_lettered", description: "Events moved to an error queue");

    private readonly Func<IReadOnlyList<Delivery>, CancellationToken, Task> _handle;
    private readonly Dictionary<string, Type> _types;
    private readonly ILogger _logger;
    private readonly Channel<Received> _inbox = Channel.CreateUnbounded<Received>(new UnboundedChannelOptions { SingleReader = true });
    private CancellationTokenSource _stopping = new();
    private IChannel? _channel;
    private Task _running = Task.CompletedTask;

    public EventEndpoint(string queue, IEnumerable<Type> events, Func<IReadOnlyList<Delivery>, CancellationToken, Task> handle,
        ILogger logger)
    {
        Queue = queue;
        _types = events.ToDictionary(EventWire.RoutingKey);
        _handle = handle;
        _logger = logger;
    }

    public string Queue { get; }
    public string ErrorQueue => Queue + "_error";

    private sealed record Received(ulong Tag, IReadOnlyBasicProperties Properties, string RoutingKey, byte[] Body);

    /// <summary>Declares the queues and bindings and starts consuming; the connection's recovery restores all of it.</summary>
    internal async Task StartAsync(IConnection connection, EventBus bus, CancellationToken ct)
    {
        await DeclareAsync(connection, Queue, ct);
        await DeclareAsync(connection, ErrorQueue, ct);
        var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.BasicQosAsync(0, (ushort)(2 * BatchConsumption.MessageLimit), false, ct);
        foreach (var key in _types.Keys) await channel.QueueBindAsync(Queue, EventWire.Exchange, key, cancellationToken: ct);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) =>
            _inbox.Writer.WriteAsync(new Received(e.DeliveryTag, e.BasicProperties, e.RoutingKey, e.Body.ToArray())).AsTask();
        await channel.BasicConsumeAsync(Queue, autoAck: false, consumer, ct);
        _channel = channel;
        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        _running = Task.Run(() => RunAsync(bus, stopping), CancellationToken.None);
    }

    /// <summary>
    /// Declares a durable quorum queue, or keeps the queue of that name as it is when it was declared otherwise (406):
    /// MassTransit, before the platform's own bus, may have left an error queue of another type, and its messages.
    /// </summary>
    private async Task DeclareAsync(IConnection connection, string queue, CancellationToken ct)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            _logger.LogInformation("{Queue} exists with other arguments and is kept as it is: {Reason}", queue, e.ShutdownReason.ReplyText);
        }
    }

    /// <summary>Stops after the batch in hand; what is not acknowledged goes back to the queue with the channel.</summary>
    internal async Task StopAsync()
    {
        await _stopping.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        if (_channel is { } channel)
        {
            _channel = null;
            try { await channel.CloseAsync(); } catch (Exception e) { _logger.LogDebug("Closing {Queue}'s channel: {Error}", Queue, e.Message); }
            channel.Dispose();
        }
        // The broker puts back what the closed channel held; its delivery tags mean nothing on a channel opened later.
        while (_inbox.Reader.TryRead(out _)) { }
    }

    /// <summary>Whether the endpoint's channel is open (not while the connection recovers, nor after the broker closed it).</summary>
    internal bool IsOpen => _channel is { IsOpen: true };

    private async Task RunAsync(EventBus bus, CancellationToken ct)
    {
        var reader = _inbox.Reader;
        while (await reader.WaitToReadAsync(ct))
        {
            // What arrived while the batch before was handled: under load a full batch, when events are few no wait at all.
            var batch = new List<Received>();
            while (batch.Count < BatchConsumption.MessageLimit && reader.TryRead(out var received)) batch.Add(received);
            try
            {
                await HandleAsync(batch, bus, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Only a dead letter that could not be published gets here: the batch goes back to the queue.
                _logger.LogWarning("{Queue}: a batch of {Count} goes back to the queue: {Error}", Queue, batch.Count, e.Message);
                await Task.Delay(RetryPauses[^1], ct);
                await SettleAsync(batch[^1].Tag, requeue: true);
            }
        }
    }

    private async Task HandleAsync(List<Received> batch, EventBus bus, CancellationToken ct)
    {
        using var activity = Activities.StartActivity($"{Queue} consume");
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        var readable = new List<(Received Raw, Delivery Event)>(batch.Count);
        foreach (var received in batch)
        {
            try { readable.Add((received, EventWire.Read(received.Properties, received.RoutingKey, received.Body, _types))); }
            catch (Exception e)
            {
                await DeadLetterAsync(bus, received, e, ct);
            }
        }
        var handled = readable.Count;
        if (readable.Count > 0 && await TryAsync(readable.Select(r => r.Event).ToList(), RetryPauses, ct) is not null)
        {
            foreach (var one in readable)
            {
                if (await TryAsync([one.Event], [], ct) is not { } failure) continue;
                await DeadLetterAsync(bus, one.Raw, failure, ct);
                handled--;
            }
        }
        Consumed.Add(handled, new KeyValuePair<string, object?>("queue", Queue));
        await SettleAsync(batch[^1].Tag, requeue: false);
    }

    /// <summary>Handles the events, trying again after each pause; returns the last failure, or null once handled.</summary>
    private async Task<Exception?> TryAsync(IReadOnlyList<Delivery> events, TimeSpan[] pauses, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _handle(events, ct);
                return null;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (attempt == pauses.Length)
                {
                    _logger.LogWarning(e, "{Queue}: {Count} event(s) failed after {Attempts} attempt(s)", Queue, events.Count, attempt + 1);
                    return e;
                }
                Retried.Add(1, new KeyValuePair<string, object?>("queue", Queue));
                _logger.LogInformation("{Queue}: {Count} event(s) failed, trying again in {Pause}: {Error}", Queue, events.Count, pauses[attempt], e.Message);
                await Task.Delay(pauses[attempt], ct);
            }
        }
    }

    private async Task DeadLetterAsync(EventBus bus, Received received, Exception error, CancellationToken ct)
    {
        _logger.LogError(error, "{Queue}: event {MessageId} ({Type}) moved to {ErrorQueue}", Queue, received.Properties.MessageId,
            received.Properties.Type ?? received.RoutingKey, ErrorQueue);
        await bus.PublishRawAsync("", ErrorQueue, EventWire.DeadLetter(received.Properties, received.RoutingKey, error), received.Body, ct);
        DeadLettered.Add(1, new KeyValuePair<string, object?>("queue", Queue));
    }

    /// <summary>
    /// Acknowledges the batch (or puts it back). If the connection was lost meanwhile, the broker has put the batch back
    /// and delivers it again (the recovered channel drops acknowledgements of deliveries from before); handlers are
    /// idempotent.
    /// </summary>
    private async Task SettleAsync(ulong lastTag, bool requeue)
    {
        try
        {
            if (_channel is not { IsOpen: true } channel) return;
            if (requeue) await channel.BasicNackAsync(lastTag, multiple: true, requeue: true);
            else await channel.BasicAckAsync(lastTag, multiple: true);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException or ObjectDisposedException)
        {
            _logger.LogInformation("{Queue}: the batch's settlement was lost with the connection; it will be delivered again", Queue);
        }
    }
}
