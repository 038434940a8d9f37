using System.Text.Json;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>An integration event waiting in the service's own database to be published.</summary>
public sealed class OutboxMessage
{
    public long Sequence { get; set; }
    public Guid Id { get; set; }
    public string MessageType { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? ParkedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage From(object message) => new()
    {
        Id = Guid.NewGuid(),
        MessageType = TypeName(message.GetType()),
        Payload = JsonSerializer.Serialize(message, message.GetType(), Json),
        OccurredAt = DateTimeOffset.UtcNow,
    };

    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
