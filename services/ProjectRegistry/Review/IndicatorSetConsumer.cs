using System.Text.Json;
using PerfPlatform.Contracts.Indicators;

namespace PerfPlatform.ProjectRegistry.Review;

/// <summary>Keeps <see cref="KnownIndicatorSet"/> from the catalogue's events; an older or repeated event changes nothing.</summary>
public sealed class IndicatorSetConsumer(RegistryDb db, ILogger<IndicatorSetConsumer> logger) : IEventHandler
{
    public async Task HandleAsync(IReadOnlyList<Delivery> events, CancellationToken ct)
    {
        foreach (var delivery in events) await ApplyAsync((IndicatorSetReplaced)delivery.Message, ct);
    }

    private async Task ApplyAsync(IndicatorSetReplaced e, CancellationToken ct)
    {
        var errors = e.Errors is null ? null : JsonSerializer.Serialize(e.Errors, OutboxMessage.Json);
        var applied = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO known_indicator_sets (project_code, version, indicator_count, error_count, errors)
            VALUES ({e.ProjectCode}, {e.Version}, {e.Indicators.Count}, {e.Findings.Errors}, {errors}::jsonb)
            ON CONFLICT (project_code) DO UPDATE SET version = EXCLUDED.version, indicator_count = EXCLUDED.indicator_count,
                error_count = EXCLUDED.error_count, errors = EXCLUDED.errors
            WHERE known_indicator_sets.version < EXCLUDED.version
            """, ct);
        if (applied == 0)
            logger.LogDebug("IndicatorSetReplaced for project {ProjectCode} version {Version} ignored: the copy is as new or newer",
                e.ProjectCode, e.Version);
    }
}
