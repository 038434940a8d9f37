using System.Text.Json;
using PerfPlatform.Contracts.Indicators;

namespace PerfPlatform.IndicatorCatalogue.Sets;

/// <summary>
/// IndicatorSetReplaced as a stored set reads: each indicator with its target's kind and its findings counted, the set's
/// counts, its errors for the registry to decide a submission by, and its findings per rule for the data-quality scorecard.
/// </summary>
public static class IndicatorSetEvents
{
    private const int BatchSize = 200;

    public static IndicatorSetReplaced Replaced(IndicatorSetRecord set)
    {
        var findings = JsonSerializer.Deserialize<List<StoredFinding>>(set.Findings) ?? [];
        FindingCounts Count(IEnumerable<StoredFinding> some) =>
            new(some.Count(f => f.Severity == "error"), some.Count(f => f.Severity == "warning"), some.Count(f => f.Severity == "info"));
        return new IndicatorSetReplaced(set.ProjectCode, set.DivisionCode, set.UnitCode, set.Year, set.Version, set.FrameworkVersion,
            set.Indicators.OrderBy(x => x.Position).Select(x => new IndicatorSnapshot(x.Level1, x.Level2, x.Name, x.Description, x.Target,
                x.Basis, JsonSerializer.Deserialize<StoredParsedTarget>(x.Parsed)!.Kind,
                Count(findings.Where(f => f.IndicatorIndex == x.Position)))).ToList(),
            Count(findings),
            findings.Where(f => f.Severity == "error").Select(f => new FindingNote(f.IndicatorIndex, f.RuleId, f.Message)).ToList(),
            findings.GroupBy(f => (f.RuleId, f.Severity)).Select(g => new RuleFindings(g.Key.RuleId, g.Key.Severity, g.Count()))
                .OrderBy(r => r.RuleId, StringComparer.Ordinal).ThenBy(r => r.Severity, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The operator's command --announce-indicator-sets: every set published once more at its own version, for a consumer
    /// whose copy began after the sets were filed: the registry's, which its migration 0004 starts empty. A consumer that
    /// holds that version already ignores it.
    /// </summary>
    public static async Task<int> AnnounceAllAsync(CatalogueDb db, CancellationToken ct)
    {
        var announced = 0;
        var after = "";
        while (true)
        {
            var batch = await db.Sets.AsNoTracking().Include(s => s.Indicators).Where(s => string.Compare(s.ProjectCode, after) > 0)
                .OrderBy(s => s.ProjectCode).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return announced;
            foreach (var set in batch) db.Publish(Replaced(set));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            announced += batch.Count;
            after = batch[^1].ProjectCode;
        }
    }
}
