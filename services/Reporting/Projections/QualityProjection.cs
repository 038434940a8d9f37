using PerfPlatform.Contracts.Indicators;

namespace PerfPlatform.Reporting.Projections;

/// <summary>A set's findings per rule, replaced whole with the set (after the projector's version gate).</summary>
public static class QualityProjection
{
    public static async Task ReplaceRulesAsync(ReportingDb db, IndicatorSetReplaced e, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM rm_indicator_set_rules WHERE project_code = {e.ProjectCode}", ct);
        foreach (var r in e.Rules ?? [])
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO rm_indicator_set_rules (project_code, rule_id, severity, findings)
                VALUES ({e.ProjectCode}, {r.RuleId}, {r.Severity}, {r.Count})
                ON CONFLICT (project_code, rule_id, severity) DO UPDATE SET findings = EXCLUDED.findings
                """, ct);
    }
}
