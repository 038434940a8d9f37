using Microsoft.EntityFrameworkCore;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// The consumer side of the version rule: inside the consumer's transaction, records the event's version and says
/// whether it is newer than what is held. A duplicate or an older, reordered event returns false and is skipped.
/// </summary>
public static class VersionGate
{
    public static async Task<bool> TryAdvanceAsync(this DbContext db, string aggregateType, string aggregateId, long version,
        CancellationToken ct = default)
    {
        var rows = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO projection_versions (aggregate_type, aggregate_id, version)
            VALUES ({aggregateType}, {aggregateId}, {version})
            ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET version = EXCLUDED.version
            WHERE projection_versions.version < EXCLUDED.version
            """, ct);
        return rows == 1;
    }
}
