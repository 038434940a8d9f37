using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// The service's one connection to RabbitMQ: a channel with publisher confirms for the outbox and the error queues, and
/// the service's endpoints. The client's automatic recovery restores the connection, the channels, the queues, their
/// bindings and the consumers after the broker or the network fails.
/// </summary>
public sealed class EventBus(RabbitMqOptions options, string clientName, IReadOnlyList<EventEndpoint> endpoints, ILogger logger)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IConnection? _connection;
    private IChannel? _publisher;

    /// <summary>Connected, with every endpoint consuming (not while the connection recovers).</summary>
    public bool IsConnected => _connection is { IsOpen: true } && endpoints.All(e => e.IsOpen);

    /// <summary>Connects once and declares the exchange and the endpoints; throws if the broker cannot be reached.</summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        var connection = await options.Factory(clientName).CreateConnectionAsync(ct);
        try
        {
            var publisher = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
            await publisher.ExchangeDeclareAsync(EventWire.Exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: ct);
            foreach (var endpoint in endpoints) await endpoint.StartAsync(connection, this, ct);
            (_connection, _publisher) = (connection, publisher);
            _connected.TrySetResult();
            logger.LogInformation("Connected to RabbitMQ {Host}:{Port}{VirtualHost} with {Count} endpoint(s)", options.Host, options.Port,
                options.VirtualHost, endpoints.Count);
        }
        catch
        {
            foreach (var endpoint in endpoints) await endpoint.StopAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Publishes an event's JSON; returns once the broker has confirmed it (throws if it did not). Before the bus has first
    /// connected it waits for that, as long as <paramref name="ct"/> allows.
    /// </summary>
    public Task PublishAsync(Type type, Guid messageId, ReadOnlyMemory<byte> json, CancellationToken ct) =>
        PublishRawAsync(EventWire.Exchange, EventWire.RoutingKey(type), EventWire.Properties(type, messageId), json, ct);

    internal async Task PublishRawAsync(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body,
        CancellationToken ct)
    {
        // At start the outbox may have rows before the broker answers: they wait for the connection, not for a back-off.
        await _connected.Task.WaitAsync(ct);
        var channel = _publisher!;
        await _publishing.WaitAsync(ct);
        try
        {
            await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, ct);
        }
        finally
        {
            _publishing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in endpoints) await endpoint.StopAsync();
        if (_connection is { } connection)
        {
            try { await connection.CloseAsync(TimeSpan.FromSeconds(5)); }
            catch (Exception e) { logger.LogDebug("Closing the RabbitMQ connection: {Error}", e.Message); }
            await connection.DisposeAsync();
        }
    }
}

/// <summary>Connects the bus at start, trying again until the broker answers; the service is not ready until then.</summary>
public sealed class EventBusHost(EventBus bus, ILogger<EventBusHost> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.ConnectAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("RabbitMQ cannot be reached, trying again in {Pause}: {Error}", pause, e.Message);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await bus.DisposeAsync();
    }
}
