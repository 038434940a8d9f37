using Microsoft.Extensions.Options;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.DisbursementTracking.Plans;

namespace PerfPlatform.DisbursementTracking.Warnings;

/// <summary>
/// Keeps each project's active warning in line with its plan and spending as of the last completed day (the sweep, a
/// payment and a new plan all judge by the same day): raised, changed or cleared, each change published as an event, in
/// the caller's transaction.
/// </summary>
public sealed class WarningUpdater(DisbursementDb db, AdjustableClock clock, IOptions<DisbursementOptions> options)
{
    public async Task RefreshAsync(ProjectCopy project, CancellationToken ct)
    {
        var asOf = clock.LastCompletedDay;
        var plan = await db.Plans.FindAsync([project.Code], ct);
        var current = await db.Warnings.FindAsync([project.Code], ct);
        var evaluation = plan is null ? null : await EvaluateAsync(project, DisbursementService.PlanOf(plan), asOf, ct);
        var level = evaluation?.Level ?? "";
        if (current is null && level.Length == 0) return;
        if (current is not null && current.Level == level && current.LagBp == evaluation!.LagBp
            && current.CheckpointMonth == (evaluation.Checkpoint?.Month ?? 0)) return;

        if (level.Length == 0) db.Warnings.Remove(current!);
        else
        {
            if (current is null)
            {
                current = new WarningRecord { ProjectCode = project.Code, RaisedOn = asOf };
                db.Warnings.Add(current);
            }
            current.Level = level;
            current.Message = evaluation!.Message;
            current.LagBp = evaluation.LagBp;
            current.CheckpointMonth = evaluation.Checkpoint!.Month;
        }
        var tracked = db.Projects.Local.FirstOrDefault(p => p.Code == project.Code) ?? db.Attach(project).Entity;
        tracked.WarningVersion += 1;
        db.Publish(new WarningChanged(project.Code, project.DivisionCode, project.UnitCode, project.Year, tracked.WarningVersion, level,
            level.Length == 0 ? "" : current!.Message, level.Length == 0 ? 0 : current!.LagBp, level.Length == 0 ? 0 : current!.CheckpointMonth,
            level.Length == 0 ? null : current!.RaisedOn));
        await db.SaveChangesAsync(ct);
    }

    public async Task<Evaluation> EvaluateAsync(ProjectCopy project, IReadOnlyList<PlannedCheckpoint> plan, DateOnly asOf, CancellationToken ct)
    {
        var spent = await db.Disbursements.Where(d => d.ProjectCode == project.Code && d.Date <= asOf).SumAsync(d => (long?)d.AmountFen, ct) ?? 0;
        return WarningPolicy.Evaluate(plan, project.Year, asOf, project.TotalFen, spent, options.Value);
    }
}
