using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PerfPlatform.ServiceDefaults.Messaging;

namespace PerfPlatform.TestSupport;

/// <summary>Publishes integration events straight onto a stack's virtual host, as a duplicate or late delivery would.</summary>
public static class TestBus
{
    /// <summary>Each message under a new message id; returns once the broker has confirmed them all.</summary>
    public static async Task PublishAsync(string virtualHost, params object[] messages)
    {
        await using var bus = await ConnectAsync(virtualHost, []);
        foreach (var message in messages)
            await bus.PublishAsync(message.GetType(), Guid.NewGuid(), JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), OutboxMessage.Json),
                CancellationToken.None);
    }

    /// <summary>The platform's own bus on the stack's virtual host, connected, with the given endpoints consuming.</summary>
    public static async Task<EventBus> ConnectAsync(string virtualHost, IReadOnlyList<EventEndpoint> endpoints)
    {
        var bus = new EventBus(Options(virtualHost), "tests", endpoints, NullLogger.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.ConnectAsync(timeout.Token);
        return bus;
    }

    /// <summary>The local broker's address and credentials, on the virtual host.</summary>
    public static RabbitMqOptions Options(string virtualHost) => new()
    {
        Host = "127.0.0.1", Port = TestEnvironment.RabbitPort, VirtualHost = virtualHost,
        Username = TestEnvironment.RabbitUser, Password = TestEnvironment.RabbitPassword,
    };
}
