using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using PerfPlatform.ServiceDefaults.Messaging;

namespace PerfPlatform.TestSupport;

/// <summary>
/// Listens on a stack's virtual host for integration events of the given types (on a durable queue of its own, so
/// nothing published while the broker is down and back is missed) and records every delivery.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _received = new();
    private EventBus? _bus;

    public IReadOnlyList<(Guid? MessageId, object Message)> Received => _received.ToList();

    public IEnumerable<T> Of<T>() => _received.Select(r => r.Message).OfType<T>();

    public static async Task<EventRecorder> StartAsync(string virtualHost, params Type[] messageTypes)
    {
        var recorder = new EventRecorder();
        var endpoint = new EventEndpoint(TestEnvironment.NewName("recorder"), messageTypes, (events, _) =>
        {
            foreach (var e in events) recorder._received.Enqueue((e.MessageId, e.Message));
            return Task.CompletedTask;
        }, NullLogger.Instance);
        recorder._bus = await TestBus.ConnectAsync(virtualHost, [endpoint]);
        return recorder;
    }

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

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null) await _bus.DisposeAsync();
    }
}
