using PerfPlatform.Contracts.Registry;
using PerfPlatform.IndicatorCatalogue.Sets;

namespace PerfPlatform.IndicatorCatalogue.Projects;

/// <summary>
/// Keeps the catalogue's copy of each registry project, so that a put, a read or an actuals entry never has to ask the
/// registry (which asks nothing of the catalogue either). An older or repeated event changes nothing. A change of what the
/// linter weighs targets against (budget, purpose, goals) checks the project's stored set again.
/// </summary>
public sealed class ProjectConsumers(CatalogueDb db, TargetReviewer reviewer, TimeProvider clock, ILogger<ProjectConsumers> logger)
    : ProjectCopyConsumer(db)
{
    protected override async Task Apply(ProjectSnapshot p, CancellationToken ct)
    {
        long? approved = p.ApprovedBudget?.TotalFen ?? (p.Status == ProjectStatuses.Approved ? p.TotalFen : null);
        // One row when the copy was written; its value says whether an existing copy's budget, purpose or goals changed
        // (the CTE reads the row as it was before this statement).
        var written = await db.Database.SqlQuery<bool>($"""
            WITH old AS (SELECT total_fen, purpose, goals FROM projects WHERE code = {p.Code})
            INSERT INTO projects (code, division_code, unit_code, year, status, total_fen, purpose, goals, registry_version, name,
                                  approved_fen, first_approved_fen)
            VALUES ({p.Code}, {p.DivisionCode}, {p.UnitCode}, {p.Year}, {p.Status}, {p.TotalFen}, {p.Purpose}, {p.Goals.ToArray()}, {p.Version},
                    {p.Name}, {approved}, {approved})
            ON CONFLICT (code) DO UPDATE SET status = EXCLUDED.status, total_fen = EXCLUDED.total_fen, purpose = EXCLUDED.purpose,
                goals = EXCLUDED.goals, registry_version = EXCLUDED.registry_version, name = EXCLUDED.name,
                approved_fen = EXCLUDED.approved_fen, first_approved_fen = COALESCE(projects.first_approved_fen, EXCLUDED.first_approved_fen)
            WHERE projects.registry_version < EXCLUDED.registry_version
               OR (projects.registry_version = EXCLUDED.registry_version AND projects.name = '')
            RETURNING EXISTS (SELECT 1 FROM old WHERE old.total_fen <> projects.total_fen OR old.purpose <> projects.purpose
                                                   OR old.goals <> projects.goals) AS "Value"
            """).ToListAsync(ct);
        if (written.Count == 0)
            logger.LogDebug("Registry event for project {ProjectCode} version {Version} ignored: the copy is as new or newer", p.Code, p.Version);
        else if (written[0])
            await SetReview.RefreshAsync(db, reviewer, clock, p.Code, ct);
    }
}
