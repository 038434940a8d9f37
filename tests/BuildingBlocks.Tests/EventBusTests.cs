using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.TestSupport;
using RabbitMQ.Client;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>The platform's bus on a real broker: batches in the queue's order, retries, the error queue, and the old envelope.</summary>
public sealed class EventBusTests
{
    [Fact]
    public async Task Events_arrive_in_the_order_published_with_their_id_and_time()
    {
        var vhost = await TestEnvironment.NewVirtualHostAsync();
        var handled = new ConcurrentQueue<Delivery>();
        var endpoint = new EventEndpoint("test-order", [typeof(DivisionRegistered)], (events, _) =>
        {
            foreach (var e in events) handled.Enqueue(e);
            return Task.CompletedTask;
        }, NullLogger.Instance);
        await using var bus = await TestBus.ConnectAsync(vhost, [endpoint]);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = Enumerable.Range(0, 120).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < ids.Count; i++)
            await bus.PublishAsync(typeof(DivisionRegistered), ids[i], Json(new DivisionRegistered($"{i:D6}", "县", i + 1)), CancellationToken.None);

        await Eventually.Until(() => Task.FromResult(handled.Count), n => n >= ids.Count, "120 events handled");
        Assert.Equal(ids, handled.Select(e => e.MessageId!.Value));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"{i:D6}"), handled.Select(e => ((DivisionRegistered)e.Message).DivisionCode));
        Assert.All(handled, e => Assert.InRange(e.SentAt!.Value, before, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_failing_event_goes_to_the_error_queue_after_retries_and_the_events_beside_it_are_handled()
    {
        var vhost = await TestEnvironment.NewVirtualHostAsync();
        var handled = new ConcurrentQueue<string>();
        var attempts = 0;
        var endpoint = new EventEndpoint("test-failing", [typeof(DivisionRegistered)], (events, _) =>
        {
            Interlocked.Increment(ref attempts);
            if (events.Any(e => ((DivisionRegistered)e.Message).Name == "坏")) throw new InvalidOperationException("refused");
            foreach (var e in events) handled.Enqueue(((DivisionRegistered)e.Message).DivisionCode);
            return Task.CompletedTask;
        }, NullLogger.Instance);
        await using var bus = await TestBus.ConnectAsync(vhost, [endpoint]);
        await bus.PublishAsync(typeof(DivisionRegistered), Guid.NewGuid(), Json(new DivisionRegistered("000001", "好", 1)), CancellationToken.None);
        await bus.PublishAsync(typeof(DivisionRegistered), Guid.NewGuid(), Json(new DivisionRegistered("000002", "坏", 1)), CancellationToken.None);
        await bus.PublishAsync(typeof(DivisionRegistered), Guid.NewGuid(), Json(new DivisionRegistered("000003", "好", 1)), CancellationToken.None);
        // A body that does not read goes to the error queue at once.
        await bus.PublishAsync(typeof(DivisionRegistered), Guid.NewGuid(), Encoding.UTF8.GetBytes("[1, 2]"), CancellationToken.None);

        var queues = await Eventually.Until(() => Consumed.QueueMessagesAsync(vhost),
            q => q.GetValueOrDefault("test-failing_error") == 2 && q.GetValueOrDefault("test-failing") == 0 && handled.Count >= 2,
            "the two bad events in the error queue and the others handled", TimeSpan.FromSeconds(60));
        Assert.Equal(["000001", "000003"], handled.Order());
        Assert.True(attempts >= 6, $"tried {attempts} times");
        Assert.Equal(2, queues["test-failing_error"]);
    }

    [Fact]
    public async Task An_error_queue_left_of_another_type_is_kept_and_takes_the_dead_letters()
    {
        // MassTransit may have declared an endpoint's error queue otherwise (here a classic queue holding a message).
        var vhost = await TestEnvironment.NewVirtualHostAsync();
        await using (var connection = await TestBus.Options(vhost).Factory("tests").CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("test-upgraded_error", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", "test-upgraded_error", Encoding.UTF8.GetBytes("left by MassTransit"));
        }
        var endpoint = new EventEndpoint("test-upgraded", [typeof(DivisionRegistered)], (_, _) => Task.CompletedTask, NullLogger.Instance);
        await using var bus = await TestBus.ConnectAsync(vhost, [endpoint]);
        await bus.PublishAsync(typeof(DivisionRegistered), Guid.NewGuid(), Encoding.UTF8.GetBytes("not json"), CancellationToken.None);

        await Eventually.Until(() => Consumed.QueueMessagesAsync(vhost), q => q.GetValueOrDefault("test-upgraded_error") == 2,
            "the unreadable event beside the message already in the kept error queue");
        Assert.True(bus.IsConnected);
    }

    [Fact]
    public void A_message_MassTransit_left_in_a_queue_reads_as_the_event_it_carries()
    {
        var id = Guid.NewGuid();
        var body = Encoding.UTF8.GetBytes($$$"""
            {"messageId":"{{{id}}}","conversationId":"x","sourceAddress":"rabbitmq://localhost/x","destinationAddress":"rabbitmq://localhost/y",
             "messageType":["urn:message:PerfPlatform.Contracts.Registry:DivisionRegistered"],
             "message":{"divisionCode":"130636","name":"顺平县","version":3},"sentTime":"2026-12-01T08:00:00.123Z","headers":{}}
            """);
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json" };
        var delivery = EventWire.Read(properties, "", body,
            new Dictionary<string, Type> { [EventWire.RoutingKey(typeof(DivisionRegistered))] = typeof(DivisionRegistered) });
        Assert.Equal(new DivisionRegistered("130636", "顺平县", 3), delivery.Message);
        Assert.Equal(id, delivery.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, 123, TimeSpan.Zero), delivery.SentAt);
    }

    private static byte[] Json(object message) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), OutboxMessage.Json);
}
