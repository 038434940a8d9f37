using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// How an event travels on RabbitMQ: published to one durable direct exchange with the record's type name as routing
/// key (and as the AMQP type), the record's JSON (the outbox's options) as body, the outbox row's id as message id and the
/// publication time, in milliseconds, in a header. Each endpoint's queue is bound by the type names it consumes.
/// </summary>
public static class EventWire
{
    public const string Exchange = "perf.events";
    private const string SentAtHeader = "perf-sent-at";
    private const string ErrorHeader = "perf-error";
    private const string MassTransitContentType = "application/vnd.masstransit+json";

    public static string RoutingKey(Type type) => type.FullName!;

    public static BasicProperties Properties(Type type, Guid messageId) => new()
    {
        MessageId = messageId.ToString(),
        Type = RoutingKey(type),
        ContentType = "application/json",
        DeliveryMode = DeliveryModes.Persistent,
        Headers = new Dictionary<string, object?> { [SentAtHeader] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
    };

    /// <summary>
    /// Reads a delivery of one of <paramref name="types"/> (by type name); throws when it names another type or its body
    /// does not read. Messages MassTransit published before the platform had its own bus (its JSON envelope) read too,
    /// so that what waited in a queue at the upgrade is not lost.
    /// </summary>
    public static Delivery Read(IReadOnlyBasicProperties properties, string routingKey, ReadOnlyMemory<byte> body,
        IReadOnlyDictionary<string, Type> types)
    {
        if (properties.ContentType == MassTransitContentType) return ReadMassTransit(body, types);
        var typeName = properties.Type ?? routingKey;
        var type = Known(typeName, types);
        var message = JsonSerializer.Deserialize(body.Span, type, OutboxMessage.Json) ?? throw new JsonException("The body is null.");
        Guid? id = Guid.TryParse(properties.MessageId, out var parsed) ? parsed : null;
        DateTimeOffset? sentAt = properties.Headers?.TryGetValue(SentAtHeader, out var ms) == true && ms is long or int
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(ms, System.Globalization.CultureInfo.InvariantCulture))
            : null;
        return new Delivery(message, id, sentAt);
    }

    private static Delivery ReadMassTransit(ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, Type> types)
    {
        using var envelope = JsonDocument.Parse(body);
        var root = envelope.RootElement;
        // "urn:message:PerfPlatform.Contracts.Registry:ProjectRegistered"
        var urn = root.GetProperty("messageType")[0].GetString() ?? "";
        var type = Known(urn["urn:message:".Length..].Replace(':', '.'), types);
        var message = root.GetProperty("message").Deserialize(type, OutboxMessage.Json) ?? throw new JsonException("The message is null.");
        Guid? id = root.TryGetProperty("messageId", out var i) && i.TryGetGuid(out var g) ? g : null;
        DateTimeOffset? sentAt = root.TryGetProperty("sentTime", out var s) && s.TryGetDateTimeOffset(out var t) ? t : null;
        return new Delivery(message, id, sentAt);
    }

    private static Type Known(string typeName, IReadOnlyDictionary<string, Type> types) =>
        types.TryGetValue(typeName, out var type) ? type
            : throw new NotSupportedException($"This endpoint consumes no event of type '{typeName}'.");

    /// <summary>The dead letter's copy of a delivery: its properties, and why it failed in a header.</summary>
    public static BasicProperties DeadLetter(IReadOnlyBasicProperties original, string routingKey, Exception error) => new(original)
    {
        Type = original.Type ?? routingKey,
        DeliveryMode = DeliveryModes.Persistent,
        Headers = new Dictionary<string, object?>(original.Headers ?? new Dictionary<string, object?>())
        {
            [ErrorHeader] = Encoding.UTF8.GetBytes(error.GetType().Name + ": " + error.Message),
        },
    };
}
