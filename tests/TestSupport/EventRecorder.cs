using System.Collections.Concurrent;
using MassTransit;

namespace PerfPlatform.TestSupport;

/// <summary>
/// Listens on a stack's virtual host for integration events of the given types (on a durable queue of its own, so
/// nothing published while the broker is down and back is missed) and records every delivery.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _received = new();

    private EventRecorder(IBusControl bus) => _bus = bus;

    public IReadOnlyList<(Guid? MessageId, object Message)> Received => _received.ToList();

    public IEnumerable<T> Of<T>() => _received.Select(r => r.Message).OfType<T>();

    public static async Task<EventRecorder> StartAsync(string virtualHost, params Type[] messageTypes)
    {
        EventRecorder? recorder = null;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host("127.0.0.1", TestEnvironment.RabbitPort, virtualHost, h =>
            {
                h.Username(TestEnvironment.RabbitUser);
                h.Password(TestEnvironment.RabbitPassword);
            });
            cfg.ReceiveEndpoint(TestEnvironment.NewName("recorder"), e =>
            {
                e.SetQuorumQueue();
                foreach (var type in messageTypes)
                {
                    var method = typeof(EventRecorder).GetMethod(nameof(AddHandler), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                        .MakeGenericMethod(type);
                    method.Invoke(null, [e, (Action<Guid?, object>)((id, m) => recorder!._received.Enqueue((id, m)))]);
                }
            });
        });
        recorder = new EventRecorder(bus);
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return recorder;
    }

    private static void AddHandler<T>(IRabbitMqReceiveEndpointConfigurator endpoint, Action<Guid?, object> record) where T : class =>
        endpoint.Handler<T>(context =>
        {
            record(context.MessageId, context.Message);
            return Task.CompletedTask;
        });

    /// <summary>Waits until the condition holds over what was received, or fails after the timeout.</summary>
    public async Task WaitUntilAsync(Func<EventRecorder, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}; received {_received.Count} messages.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
