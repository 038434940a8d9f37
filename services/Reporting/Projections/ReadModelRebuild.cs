namespace PerfPlatform.Reporting.Projections;

/// <summary>
/// Rebuilds the read model from the event log in one transaction: locks and empties it first, then replays the logged
/// events in arrival order, a batch at a time, through the same projector that applies live events.
/// </summary>
/// <remarks>
/// Every consumer passes the version gate (projection_versions) before it writes the read model, so locking that table
/// first waits for the events being applied now and holds back the rest. An event held back has its event_log row
/// uncommitted, so the replay does not see it; it is applied, through the gate, once the rebuild commits. Nothing
/// consumed while the rebuild runs is lost, and locking the gate's table before the others cannot deadlock with a
/// consumer that has passed the gate and is about to write.
/// </remarks>
public sealed class ReadModelRebuild(ReportingDb db, Projector projector)
{
    private const int BatchSize = 1000;

    public const string ReadModelTables =
        "projection_versions, rm_divisions, rm_departments, rm_units, rm_department_goals, rm_projects, rm_indicator_sets, " +
        "rm_indicators, rm_spending, rm_spending_plans, rm_warnings, rm_indicator_set_rules, rm_summary, rm_summary_level1, " +
        "rm_quality, rm_quality_rules, " +
        "rm_monitoring_rounds, rm_monitoring_forms, " +
        "rm_evaluations";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE projection_versions IN ACCESS EXCLUSIVE MODE", ct);
        await db.Database.ExecuteSqlRawAsync($"TRUNCATE {ReadModelTables}", ct);
        var replayed = 0;
        long after = 0;
        while (true)
        {
            var batch = await EventLog.ReadBatchAsync(db, after, BatchSize, ct);
            if (batch.Count == 0) break;
            foreach (var (_, message) in batch) await projector.ApplyAsync(message, ct);
            after = batch[^1].Sequence;
            replayed += batch.Count;
        }
        await tx.CommitAsync(ct);
        return replayed;
    }
}
