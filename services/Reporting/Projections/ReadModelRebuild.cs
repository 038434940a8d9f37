using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfPlatform.Reporting.Persistence;

namespace PerfPlatform.Reporting.Projections;

/// <summary>
/// Rebuilds the read model from the event log in one transaction: empties it, forgets the versions it held and replays
/// every logged event in arrival order through the same projector that applies live events.
/// </summary>
public sealed class ReadModelRebuild(ReportingDb db, Projector projector, NpgsqlDataSource dataSource)
{
    public const string ReadModelTables =
        "rm_divisions, rm_departments, rm_units, rm_department_goals, rm_projects, rm_indicator_sets, rm_indicators, " +
        "rm_spending, rm_spending_plans, rm_warnings, projection_versions";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var events = new List<object>();
        await foreach (var e in EventLog.ReadAllAsync(dataSource, ct)) events.Add(e);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"TRUNCATE {ReadModelTables}", ct);
        foreach (var e in events) await projector.ApplyAsync(e, ct);
        await tx.CommitAsync(ct);
        return events.Count;
    }
}
