using PerfPlatform.Contracts.Registry;

namespace PerfPlatform.IndicatorCatalogue.Projects;

/// <summary>
/// Keeps the catalogue's copy of each registry project, so that a put, a read or an actuals entry never has to ask the
/// registry (which asks nothing of the catalogue either). An older or repeated event changes nothing.
/// </summary>
public sealed class ProjectConsumers(CatalogueDb db, ILogger<ProjectConsumers> logger) : ProjectCopyConsumer(db)
{
    protected override async Task Apply(ProjectSnapshot p, CancellationToken ct)
    {
        long? approved = p.ApprovedBudget?.TotalFen ?? (p.Status == ProjectStatuses.Approved ? p.TotalFen : null);
        var applied = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO projects (code, division_code, unit_code, year, status, total_fen, purpose, goals, registry_version, name,
                                  approved_fen, first_approved_fen)
            VALUES ({p.Code}, {p.DivisionCode}, {p.UnitCode}, {p.Year}, {p.Status}, {p.TotalFen}, {p.Purpose}, {p.Goals.ToArray()}, {p.Version},
                    {p.Name}, {approved}, {approved})
            ON CONFLICT (code) DO UPDATE SET status = EXCLUDED.status, total_fen = EXCLUDED.total_fen, purpose = EXCLUDED.purpose,
                goals = EXCLUDED.goals, registry_version = EXCLUDED.registry_version, name = EXCLUDED.name,
                approved_fen = EXCLUDED.approved_fen, first_approved_fen = COALESCE(projects.first_approved_fen, EXCLUDED.first_approved_fen)
            WHERE projects.registry_version < EXCLUDED.registry_version
               OR (projects.registry_version = EXCLUDED.registry_version AND projects.name = '')
            """, ct);
        if (applied == 0)
            logger.LogDebug("Registry event for project {ProjectCode} version {Version} ignored: the copy is as new or newer", p.Code, p.Version);
    }
}
