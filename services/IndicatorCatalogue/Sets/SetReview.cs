using System.Text.Json;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Sets;

/// <summary>
/// A set's findings weigh its targets against the project (budget, purpose, goals) and the unit's other sets, so they are
/// made again when the project changes, not only when the indicators do.
/// </summary>
public static class SetReview
{
    public const string Actor = "indicator-catalogue";

    public static async Task<Review> ReviewAsync(CatalogueDb db, TargetReviewer reviewer, ProjectCopy project,
        IEnumerable<Indicator> indicators, CancellationToken ct) =>
        reviewer.Review(project.Year, indicators, project.TotalFen, project.Purpose, project.Goals, await SiblingsAsync(db, project, ct));

    /// <summary>
    /// The stored set of a project the registry has just changed, checked again against it: when its findings differ they
    /// are stored under a new version, audited and announced (IndicatorSetReplaced), in the caller's transaction.
    /// </summary>
    public static async Task RefreshAsync(CatalogueDb db, TargetReviewer reviewer, TimeProvider clock, string projectCode, CancellationToken ct)
    {
        var set = await db.Sets.Include(s => s.Indicators).FirstOrDefaultAsync(s => s.ProjectCode == projectCode, ct);
        if (set is null) return;
        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Code == projectCode, ct);
        var indicators = set.Indicators.OrderBy(i => i.Position)
            .Select(i => new Indicator { Level1 = i.Level1, Level2 = i.Level2, Name = i.Name, Description = i.Description, Target = i.Target, Basis = i.Basis });
        var findings = JsonSerializer.Serialize((await ReviewAsync(db, reviewer, project, indicators, ct)).Findings);
        if (findings == set.Findings) return;
        var before = new { set.Version, set.Findings };
        set.Findings = findings;
        set.Version += 1;
        set.UpdatedAt = clock.Now();
        set.UpdatedBy = Actor;
        db.Audit("indicator_set", set.ProjectCode, "recheck", Actor, before, new { set.Version, set.Findings }, clock);
        db.Publish(IndicatorSetEvents.Replaced(set));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The unit's other stored sets of the year, for sets copied between projects (SEM-06).</summary>
    private static async Task<List<Linting.SiblingProject>> SiblingsAsync(CatalogueDb db, ProjectCopy project, CancellationToken ct) =>
        (await db.Sets.AsNoTracking().Include(s => s.Indicators)
            .Where(s => s.DivisionCode == project.DivisionCode && s.UnitCode == project.UnitCode && s.Year == project.Year && s.ProjectCode != project.Code)
            .OrderBy(s => s.ProjectCode).ToListAsync(ct))
        .Select(s => new Linting.SiblingProject(s.ProjectCode, "", s.Indicators.OrderBy(i => i.Position)
            .Select(i => new Linting.LintIndicator(i.Level1, i.Level2, i.Name, i.Description, i.Target, i.Basis)).ToList()))
        .ToList();
}
