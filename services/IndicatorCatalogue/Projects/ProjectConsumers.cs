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
        var before = await db.Projects.AsNoTracking().Where(x => x.Code == p.Code)
            .Select(x => new { x.TotalFen, x.Purpose, x.Goals }).FirstOrDefaultAsync(ct);
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
        else if (before is not null && (before.TotalFen != p.TotalFen || before.Purpose != p.Purpose || !before.Goals.SequenceEqual(p.Goals)))
            await SetReview.RefreshAsync(db, reviewer, clock, p.Code, ct);
    }
}
