namespace PerfPlatform.TestSupport;

/// <summary>
/// Whether a service has consumed what was published to it, as the broker knows it rather than as the service logs it.
/// A publish with confirms returns once the message is in the service's queue; it stays there, ready or unacknowledged
/// while a consumer handles and retries it, until the consumer has finished with it. So when the service's queues are
/// empty and its error queues too, the service has consumed every event published before — an event it ignored as
/// stale included, which leaves no trace in its own state.
/// </summary>
public static class Consumed
{
    /// <summary>
    /// Waits until the queues of the service (named by its messaging name: "disbursement", "reporting") hold no message,
    /// then fails if any message went to one of its error queues instead.
    /// </summary>
    public static async Task EverythingAsync(PlatformStack stack, string service, TimeSpan? timeout = null)
    {
        var queues = await Eventually.Until(() => QueuesAsync(stack.VirtualHost, service),
            all => all.Any(q => !IsDeadLetter(q.Name)) && all.Where(q => !IsDeadLetter(q.Name)).All(q => q.Messages == 0),
            $"the {service} queues on {stack.VirtualHost} to be drained", timeout, TimeSpan.FromMilliseconds(200));
        var failed = queues.Where(q => IsDeadLetter(q.Name) && q.Messages > 0).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException($"{service} failed to consume: {string.Join(", ", failed)}");
    }

    /// <summary>Whether every queue of the stack's virtual host (error queues aside) is empty now: nothing published waits to be consumed.</summary>
    public static async Task<bool> IdleAsync(PlatformStack stack) =>
        (await QueuesAsync(stack.VirtualHost, "")).Where(q => !IsDeadLetter(q.Name)).All(q => q.Messages == 0);

    private sealed record Queue(string Name, long Messages)
    {
        public override string ToString() => $"{Name} {Messages}";
    }

    private static bool IsDeadLetter(string queue) => queue.EndsWith("_error", StringComparison.Ordinal) || queue.EndsWith("_skipped", StringComparison.Ordinal);

    /// <summary>Every queue of the virtual host with its messages, ready and unacknowledged together.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> QueueMessagesAsync(string virtualHost) =>
        (await QueuesAsync(virtualHost, "")).ToDictionary(q => q.Name, q => q.Messages);

    /// <summary>The service's queues (every queue for "") with their messages, ready and unacknowledged together.</summary>
    private static async Task<IReadOnlyList<Queue>> QueuesAsync(string virtualHost, string service)
    {
        var output = await TestEnvironment.RabbitAsync("ctl", "list_queues", "-q", "--no-table-headers", "-p", virtualHost, "name", "messages");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(cells => cells.Length == 2 && (service.Length == 0 || cells[0].StartsWith(service + "-", StringComparison.Ordinal)))
            .Select(cells => new Queue(cells[0], long.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }
}
