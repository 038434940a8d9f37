using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>Values reached, recorded beside the targets at mid-year (运行监控) and year end (绩效自评).</summary>
public sealed partial class CatalogueService
{
    private static readonly string[] Periods = [ActualValueRecord.MidYear, ActualValueRecord.YearEnd];

    public override async Task<IndicatorSet> RecordActuals(RecordActualsRequest request, ServerCallContext context)
    {
        var v = new Violations()
            .ProjectCode(request.ProjectCode)
            .When(!Periods.Contains(request.Period), "period", "填报期间应为 mid_year（年中监控）或 year_end（年终自评）。")
            .When(request.Values.Count == 0, "values", "请至少填报一个指标的实际完成值。");
        for (var i = 0; i < request.Values.Count; i++)
            v.Required(request.Values[i].Value, $"values[{i}].value", "实际完成值")
                .MaxLength(request.Values[i].Value, IndicatorFieldLimits.MaxTarget, $"values[{i}].value", "实际完成值");
        v.ThrowIfAny();

        var caller = context.Caller();
        await projects.GetVisibleAsync(request.ProjectCode, caller, context.CancellationToken);
        var set = await db.Sets.Include(s => s.Indicators).ThenInclude(i => i.Actuals)
            .FirstOrDefaultAsync(s => s.ProjectCode == request.ProjectCode, context.CancellationToken)
            ?? throw new FailedPreconditionException($"项目 {request.ProjectCode} 还没有绩效指标，无法填报实际完成值。");
        // Once a self-evaluation exists, it is the one way to change year-end values (versioned, audited, published).
        if (request.Period == ActualValueRecord.YearEnd && await db.SelfEvaluations.AnyAsync(e => e.ProjectCode == request.ProjectCode, context.CancellationToken))
            throw new FailedPreconditionException($"项目 {request.ProjectCode} 已有绩效自评，年终实际完成值请在绩效自评中修改。",
                [new FieldViolation("period", "年终实际完成值已由绩效自评填报。")]);
        var unknown = request.Values.Select((x, i) => (x, i)).Where(p => p.x.IndicatorIndex < 0 || p.x.IndicatorIndex >= set.Indicators.Count)
            .Select(p => new FieldViolation($"values[{p.i}].indicator_index", $"项目只有 {set.Indicators.Count} 个指标（序号从 0 开始）。")).ToList();
        if (unknown.Count > 0) throw new ValidationFailedException(unknown);

        var before = ToProto(set);
        foreach (var entry in request.Values)
        {
            var indicator = set.Indicators.Single(i => i.Position == entry.IndicatorIndex);
            var actual = indicator.Actuals.FirstOrDefault(a => a.Period == request.Period);
            if (actual is null)
            {
                actual = new ActualValueRecord { ProjectCode = set.ProjectCode, Position = indicator.Position, Period = request.Period };
                indicator.Actuals.Add(actual);
            }
            actual.Value = entry.Value.Trim();
            actual.RecordedAt = clock.Now();
            actual.RecordedBy = caller.Subject;
        }
        db.Audit("indicator_actuals", set.ProjectCode, "record_" + request.Period, caller.Subject, before, ToProto(set), clock);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToProto(set);
    }
}
