using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Performance;

namespace PerfPlatform.ProjectRegistry.Results;

/// <summary>
/// Keeps what the registry knows of each project's year from the other services' events (<see cref="KnownSelfEvaluation"/>,
/// <see cref="KnownMonitoringForm"/>, <see cref="KnownWarning"/>): each row takes an event only when it is newer than the
/// version it holds, so duplicates and reordering change nothing.
/// </summary>
public sealed class PerformanceConsumer(RegistryDb db, ILogger<PerformanceConsumer> logger)
    : IEventHandler
{
    public static readonly Type[] Events = [typeof(SelfEvaluationChanged), typeof(MonitoringFormChanged), typeof(WarningChanged)];

    public async Task HandleAsync(IReadOnlyList<Delivery> events, CancellationToken ct)
    {
        foreach (var delivery in events)
        {
            await (delivery.Message switch
            {
                SelfEvaluationChanged e => Apply(e, ct),
                MonitoringFormChanged e => Apply(e, ct),
                WarningChanged e => Apply(e, ct),
                var other => throw new NotSupportedException($"{other.GetType().Name} is not a performance event."),
            });
        }
    }

    private Task Apply(SelfEvaluationChanged e, CancellationToken ct)
    {
        return ApplyIfNewerAsync(nameof(SelfEvaluationChanged), e.ProjectCode, e.Version, $"""
            INSERT INTO known_self_evaluations (project_code, version, year, status, score, out_of, grade, reviewed_score,
                reviewed_grade, changed_at)
            VALUES ({e.ProjectCode}, {e.Version}, {e.Year}, {e.Status}, {e.Score}, {e.OutOf}, {e.Grade}, {e.ReviewedScore}::numeric,
                {e.ReviewedGrade}::text, {e.ChangedAt.ToUniversalTime()})
            ON CONFLICT (project_code) DO UPDATE SET version = EXCLUDED.version, year = EXCLUDED.year, status = EXCLUDED.status,
                score = EXCLUDED.score, out_of = EXCLUDED.out_of, grade = EXCLUDED.grade, reviewed_score = EXCLUDED.reviewed_score,
                reviewed_grade = EXCLUDED.reviewed_grade, changed_at = EXCLUDED.changed_at
            WHERE known_self_evaluations.version < EXCLUDED.version
            """, ct);
    }

    private Task Apply(MonitoringFormChanged e, CancellationToken ct)
    {
        return ApplyIfNewerAsync(nameof(MonitoringFormChanged), e.ProjectCode, e.Version, $"""
            INSERT INTO known_monitoring_forms (round_id, project_code, version, status, needs_rectification, rectified)
            VALUES ({e.RoundId}, {e.ProjectCode}, {e.Version}, {e.Status}, {e.NeedsRectification}, {e.Rectified})
            ON CONFLICT (round_id, project_code) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status,
                needs_rectification = EXCLUDED.needs_rectification, rectified = EXCLUDED.rectified
            WHERE known_monitoring_forms.version < EXCLUDED.version
            """, ct);
    }

    private Task Apply(WarningChanged e, CancellationToken ct)
    {
        return ApplyIfNewerAsync(nameof(WarningChanged), e.ProjectCode, e.Version, $"""
            INSERT INTO known_warnings (project_code, version, level, message)
            VALUES ({e.ProjectCode}, {e.Version}, {e.Level}, {e.Message})
            ON CONFLICT (project_code) DO UPDATE SET version = EXCLUDED.version, level = EXCLUDED.level, message = EXCLUDED.message
            WHERE known_warnings.version < EXCLUDED.version
            """, ct);
    }

    /// <summary>Runs the event's upsert, whose WHERE keeps a row as new or newer; says so when that left it unchanged.</summary>
    private async Task ApplyIfNewerAsync(string eventName, string projectCode, long version, FormattableString upsert, CancellationToken ct)
    {
        var applied = await db.Database.ExecuteSqlInterpolatedAsync(upsert, ct);
        if (applied == 0)
            logger.LogDebug("{Event} for project {ProjectCode} version {Version} ignored: the copy is as new or newer",
                eventName, projectCode, version);
    }
}
