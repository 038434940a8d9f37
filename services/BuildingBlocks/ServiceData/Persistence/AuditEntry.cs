using System.Text.Json;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace PerfPlatform.ServiceDefaults.Persistence;

/// <summary>One audited mutation: who, when, what, and the entity's JSON before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string Action { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

public static class AuditDbContextExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Records the change in the same unit of work as the change itself.</summary>
    public static void Audit(this DbContext db, string entityType, string entityKey, string action, string actor,
        object? before, object? after, TimeProvider? clock = null) =>
        db.Set<AuditEntry>().Add(new AuditEntry
        {
            EntityType = entityType,
            EntityKey = entityKey,
            Action = action,
            Actor = actor,
            At = (clock ?? TimeProvider.System).Now(),
            Before = ToJson(before),
            After = ToJson(after),
        });

    private static string? ToJson(object? value) => value switch
    {
        null => null,
        IMessage message => JsonFormatter.Default.Format(message),
        _ => JsonSerializer.Serialize(value, Json),
    };
}
