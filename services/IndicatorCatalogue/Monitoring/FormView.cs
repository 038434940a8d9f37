using System.Text.Json;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>
/// A form as it reads: the project's money as of the round's date, the filed targets in filed order, what the department
/// filed (or nothing yet), and the rectification the rules call for. Built the same way for a read and a change.
/// </summary>
public sealed class FormView(MonitoringRoundRecord round, ProjectCopy project, IReadOnlyList<IndicatorRecord> targets,
    MonitoringFormRecord? stored, ProjectMoney money)
{
    public MonitoringRoundRecord Round => round;
    public ProjectCopy Project => project;
    public IReadOnlyList<IndicatorRecord> Targets => targets;
    public ProjectMoney Money => money;
    public long PlannedYearEndFen => RectificationRules.PlannedShareFen(money.AsOf.BudgetFen, money.PlannedYearEndBp);

    /// <summary>The stored form, or null while nothing is saved; a change sets the record it creates.</summary>
    public MonitoringFormRecord? Stored { get; set; } = stored;

    public IReadOnlyList<StoredMonitoringIndicator> Filed => Stored is null ? []
        : JsonSerializer.Deserialize<List<StoredMonitoringIndicator>>(Stored.Indicators) ?? [];

    public long ExpectedSpentFen => Stored?.ExpectedSpentFen ?? PlannedYearEndFen;

    public IReadOnlyList<RectificationReason> Reasons => RectificationRules.Assess(money.AsOf, ExpectedSpentFen,
        Filed.Select(f => new IndicatorOutlook(f.Index, targets.FirstOrDefault(t => t.Position == f.Index)?.Name ?? "", f.Likelihood)),
        round.AsOf);

    public MonitoringForm ToProto()
    {
        var m = money.AsOf;
        var reasons = Reasons;
        var stored = Stored;
        var form = new MonitoringForm
        {
            RoundId = round.Id.ToString(), ProjectCode = project.Code, DivisionCode = project.DivisionCode, UnitCode = project.UnitCode,
            Year = round.Year, AsOf = round.AsOf.ToString("yyyy-MM-dd"), Deadline = round.Deadline.ToString("yyyy-MM-dd"),
            Status = stored?.Status ?? "", StatusLabel = stored is null ? "未填报" : PerformanceStatuses.Label(stored.Status),
            Version = stored?.Version ?? 0,
            BudgetFen = m.BudgetFen, SpentFen = m.SpentFen, ExecutionBp = m.ExecutionBp, PlannedBp = m.PlannedBp, LagBp = m.LagBp,
            PlannedYearEndBp = money.PlannedYearEndBp, PlannedYearEndFen = PlannedYearEndFen, ExpectedSpentFen = ExpectedSpentFen,
            NeedsRectification = reasons.Count > 0,
            Reasons = { reasons.Select(r => new MonitoringReason { RuleId = r.RuleId, Message = r.Message }) },
            ReductionCandidateFen = RectificationRules.ReductionCandidateFen(m.BudgetFen, ExpectedSpentFen),
            ReturnComment = stored?.ReturnComment ?? "", ReviewComment = stored?.ReviewComment ?? "",
            Rectified = stored?.Rectified ?? false, Rectification = stored?.Rectification ?? "",
        };
        if (stored is not null) form.UpdateTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(stored.UpdatedAt);
        foreach (var t in targets.OrderBy(t => t.Position))
        {
            var f = Filed.FirstOrDefault(x => x.Index == t.Position);
            form.Indicators.Add(new MonitoringIndicator
            {
                Index = t.Position, Level1 = t.Level1, Level2 = t.Level2, Name = t.Name, Target = t.Target,
                Reached = f?.Reached ?? "", Expected = f?.Expected ?? "", Likelihood = f?.Likelihood ?? "", Cause = f?.Cause ?? "",
                CauseText = f?.CauseText ?? "", Measure = f?.Measure ?? "",
            });
        }
        return form;
    }

    /// <summary>Writes the money and the assessment as they stand into the stored form, for its event and its audit.</summary>
    public void Snapshot()
    {
        var record = Stored!;
        var m = money.AsOf;
        record.BudgetFen = m.BudgetFen;
        record.SpentFen = m.SpentFen;
        record.ExecutionBp = m.ExecutionBp;
        record.PlannedBp = m.PlannedBp;
        record.LagBp = m.LagBp;
        var reasons = Reasons;
        record.NeedsRectification = reasons.Count > 0;
        record.Reasons = JsonSerializer.Serialize(reasons);
    }

    public static MonitoringFormChanged Changed(MonitoringFormRecord r)
    {
        var filed = JsonSerializer.Deserialize<List<StoredMonitoringIndicator>>(r.Indicators) ?? [];
        var reasons = JsonSerializer.Deserialize<List<RectificationReason>>(r.Reasons) ?? [];
        return new MonitoringFormChanged(r.RoundId, r.ProjectCode, r.DivisionCode, r.UnitCode, r.Year, r.Version, r.Status, r.BudgetFen,
            r.SpentFen, r.ExpectedSpentFen, r.ExecutionBp, r.PlannedBp, filed.Count(f => f.Likelihood == Likelihoods.Impossible),
            r.NeedsRectification, reasons.Select(x => $"{x.RuleId} {x.Message}").ToList(), r.Rectified, r.UpdatedAt);
    }
}
