using System.Text.Json;
using PerfPlatform.Contracts.Performance;

namespace PerfPlatform.Reporting.Projections;

/// <summary>Monitoring rounds and each form's newest state (after the projector's version gate).</summary>
public static class MonitoringProjection
{
    public static Task UpsertRoundAsync(ReportingDb db, MonitoringRoundOpened e, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO rm_monitoring_rounds (id, year, division_code, as_of, deadline)
            VALUES ({e.RoundId}, {e.Year}, {e.DivisionCode}, {e.AsOf}, {e.Deadline})
            ON CONFLICT (id) DO NOTHING
            """, ct);

    public static Task UpsertFormAsync(ReportingDb db, MonitoringFormChanged e, CancellationToken ct)
    {
        var reasons = JsonSerializer.Serialize(e.RectificationReasons, OutboxMessage.Json);
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO rm_monitoring_forms (round_id, project_code, division_code, unit_code, year, status, budget_fen, spent_fen,
                                             expected_spent_fen, execution_bp, planned_bp, impossible_indicators, needs_rectification,
                                             reasons, rectified, changed_at)
            VALUES ({e.RoundId}, {e.ProjectCode}, {e.DivisionCode}, {e.UnitCode}, {e.Year}, {e.Status}, {e.BudgetFen}, {e.SpentFen},
                    {e.ExpectedSpentFen}, {e.ExecutionBp}, {e.PlannedBp}, {e.ImpossibleIndicators}, {e.NeedsRectification},
                    {reasons}::jsonb, {e.Rectified}, {e.ChangedAt})
            ON CONFLICT (round_id, project_code) DO UPDATE SET status = EXCLUDED.status, budget_fen = EXCLUDED.budget_fen,
                spent_fen = EXCLUDED.spent_fen, expected_spent_fen = EXCLUDED.expected_spent_fen, execution_bp = EXCLUDED.execution_bp,
                planned_bp = EXCLUDED.planned_bp, impossible_indicators = EXCLUDED.impossible_indicators,
                needs_rectification = EXCLUDED.needs_rectification, reasons = EXCLUDED.reasons, rectified = EXCLUDED.rectified,
                changed_at = EXCLUDED.changed_at
            """, ct);
    }
}
