using Microsoft.Extensions.Options;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.DisbursementTracking.Disbursements;
using PerfPlatform.DisbursementTracking.Plans;

namespace PerfPlatform.DisbursementTracking.Warnings;

/// <summary>
/// Keeps each project's active warning in line with its plan and spending as of the last completed day (the sweep, a
/// payment and a new plan all judge by the same day): raised, changed or cleared, each change published as an event, in
/// the caller's transaction.
/// </summary>
public sealed class WarningUpdater(DisbursementDb db, AdjustableClock clock, IOptions<DisbursementOptions> options)
{
    public Task RefreshAsync(ProjectCopy project, CancellationToken ct) => RefreshAsync([project], ct);

    /// <summary>
    /// The projects' warnings at once (a batch of payments touches thousands): their plans, warnings and sums read by three
    /// queries, not three per project, and the changes saved together. The callers have saved what they changed first.
    /// </summary>
    public async Task RefreshAsync(IReadOnlyCollection<ProjectCopy> projects, CancellationToken ct)
    {
        var asOf = clock.LastCompletedDay;
        var codes = projects.Select(p => p.Code).ToArray();
        var plans = await db.Plans.AsNoTracking().Where(p => codes.Contains(p.ProjectCode)).ToDictionaryAsync(p => p.ProjectCode, ct);
        var warnings = await db.Warnings.Where(w => codes.Contains(w.ProjectCode)).ToDictionaryAsync(w => w.ProjectCode, ct);
        var spent = await db.SpentUpToAsync(codes, asOf, ct);
        var changed = false;
        foreach (var project in projects)
        {
            var evaluation = plans.TryGetValue(project.Code, out var plan)
                ? WarningPolicy.Evaluate(DisbursementService.PlanOf(plan), project.Year, asOf, project.TotalFen, spent.GetValueOrDefault(project.Code),
                    options.Value)
                : null;
            changed |= Apply(project, warnings.GetValueOrDefault(project.Code), evaluation, asOf);
        }
        if (changed) await db.SaveChangesAsync(ct);
    }

    /// <summary>Raises, changes or clears the project's warning as the evaluation says; false when it stands as it is.</summary>
    private bool Apply(ProjectCopy project, WarningRecord? current, Evaluation? evaluation, DateOnly asOf)
    {
        var level = evaluation?.Level ?? "";
        if (current is null && level.Length == 0) return false;
        if (current is not null && current.Level == level && current.LagBp == evaluation!.LagBp
            && current.CheckpointMonth == (evaluation.Checkpoint?.Month ?? 0)) return false;

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
        var tracked = db.Projects.Local.FindEntry(project.Code)?.Entity ?? db.Attach(project).Entity;
        tracked.WarningVersion += 1;
        db.Publish(new WarningChanged(project.Code, project.DivisionCode, project.UnitCode, project.Year, tracked.WarningVersion, level,
            level.Length == 0 ? "" : current!.Message, level.Length == 0 ? 0 : current!.LagBp, level.Length == 0 ? 0 : current!.CheckpointMonth,
            level.Length == 0 ? null : current!.RaisedOn));
        return true;
    }
}
