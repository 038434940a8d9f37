using PerfPlatform.Contracts.Registry;
using PerfPlatform.DisbursementTracking.Warnings;

namespace PerfPlatform.DisbursementTracking.Projects;

/// <summary>
/// Keeps this service's copy of each project's budget in force (the approved one once there is one, so that an adjustment
/// draft does not move it) and its review status; an older or repeated registry event changes nothing. A new budget
/// changes the execution rate, so the project's warning is refreshed with it.
/// </summary>
public sealed class ProjectConsumers(DisbursementDb db, WarningUpdater warnings, ILogger<ProjectConsumers> logger)
    : ProjectCopyConsumer(db)
{
    /// <summary>In the batch's transaction; projects are locked in the order of their codes, as a batch of payments locks them.</summary>
    protected override async Task Apply(ProjectSnapshot p, CancellationToken ct)
    {
        var budget = p.EffectiveBudget();
        var applied = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO projects (code, division_code, unit_code, year, name, total_fen, fiscal_fen, other_fen, status, registry_version)
            VALUES ({p.Code}, {p.DivisionCode}, {p.UnitCode}, {p.Year}, {p.Name}, {budget.TotalFen}, {budget.FiscalFen},
                    {budget.OtherFen}, {p.Status}, {p.Version})
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, total_fen = EXCLUDED.total_fen, fiscal_fen = EXCLUDED.fiscal_fen,
                other_fen = EXCLUDED.other_fen, status = EXCLUDED.status, registry_version = EXCLUDED.registry_version
            WHERE projects.registry_version < EXCLUDED.registry_version
            """, ct);
        if (applied == 0)
        {
            logger.LogDebug("Registry event for project {ProjectCode} version {Version} ignored: the copy is as new or newer", p.Code, p.Version);
            return;
        }
        var project = await db.Projects.FromSqlInterpolated($"SELECT * FROM projects WHERE code = {p.Code} FOR UPDATE").SingleAsync(ct);
        await warnings.RefreshAsync(project, ct);
    }
}
