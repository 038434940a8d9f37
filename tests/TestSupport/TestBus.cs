using MassTransit;

namespace PerfPlatform.TestSupport;

/// <summary>Publishes integration events straight onto a stack's virtual host, as a duplicate or late delivery would.</summary>
public static class TestBus
{
    public static async Task PublishAsync(string virtualHost, params object[] messages)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host("127.0.0.1", TestEnvironment.RabbitPort, virtualHost, h =>
        {
            h.Username(TestEnvironment.RabbitUser);
            h.Password(TestEnvironment.RabbitPassword);
            // A publish returns once the broker holds the message, so that Consumed can tell it was consumed.
            h.PublisherConfirmation = true;
        }));
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            foreach (var message in messages) await bus.Publish(message, message.GetType());
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
