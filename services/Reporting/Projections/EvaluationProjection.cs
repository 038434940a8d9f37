using System.Text.Json;
using PerfPlatform.Contracts.Performance;

namespace PerfPlatform.Reporting.Projections;

/// <summary>A project's self-evaluation, replaced whole by its newest version (after the projector's version gate).</summary>
public static class EvaluationProjection
{
    public static Task ApplyAsync(ReportingDb db, SelfEvaluationChanged e, CancellationToken ct)
    {
        var items = JsonSerializer.Serialize(e.Items, OutboxMessage.Json);
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO rm_evaluations (project_code, division_code, department_code, unit_code, year, status, budget_fen, spent_fen,
                                        score, out_of, grade, reviewed_score, reviewed_grade, final_score, final_grade, items, changed_at)
            VALUES ({e.ProjectCode}, {e.DivisionCode}, {Codes.DepartmentOfUnit(e.UnitCode)}, {e.UnitCode}, {e.Year}, {e.Status}, {e.BudgetFen},
                    {e.SpentFen}, {e.Score}, {e.OutOf}, {e.Grade}, {e.ReviewedScore}, {e.ReviewedGrade}, {e.FinalScore}, {e.FinalGrade},
                    {items}::jsonb, {e.ChangedAt})
            ON CONFLICT (project_code) DO UPDATE SET status = EXCLUDED.status, budget_fen = EXCLUDED.budget_fen, spent_fen = EXCLUDED.spent_fen,
                score = EXCLUDED.score, out_of = EXCLUDED.out_of, grade = EXCLUDED.grade, reviewed_score = EXCLUDED.reviewed_score,
                reviewed_grade = EXCLUDED.reviewed_grade, final_score = EXCLUDED.final_score, final_grade = EXCLUDED.final_grade,
                items = EXCLUDED.items, changed_at = EXCLUDED.changed_at
            """, ct);
    }
}
