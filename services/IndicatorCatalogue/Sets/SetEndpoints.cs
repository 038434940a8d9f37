using System.Text.Json;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue;

/// <summary>
/// A project's indicator set: replaced whole by a PUT (only while the project is a draft or returned), read back verbatim
/// with each target parsed and the linter's findings.
/// </summary>
public sealed partial class CatalogueService
{
    public const int MaxIndicators = 200;

    public override async Task<IndicatorSet> PutIndicatorSet(PutIndicatorSetRequest request, ServerCallContext context)
    {
        var v = new Violations()
            .ProjectCode(request.ProjectCode)
            .When(request.Version < 0, "version", "版本号不能为负数。")
            .When(request.Indicators.Count > MaxIndicators, "indicators", $"一个项目的绩效指标不能超过 {MaxIndicators} 个。");
        for (var i = 0; i < Math.Min(request.Indicators.Count, MaxIndicators); i++) IndicatorFieldLimits.Check(v, request.Indicators[i], $"indicators[{i}]");
        v.ThrowIfAny();

        var caller = context.Caller();
        var project = await projects.GetEditableAsync(request.ProjectCode, caller, context.CancellationToken);
        var review = await SetReview.ReviewAsync(db, reviewer, project, request.Indicators, context.CancellationToken);

        var set = await db.Sets.Include(s => s.Indicators).ThenInclude(i => i.Actuals)
            .FirstOrDefaultAsync(s => s.ProjectCode == request.ProjectCode, context.CancellationToken);
        if (set is not null && request.Version != 0 && request.Version != set.Version)
            throw new ConcurrencyConflictException($"项目 {request.ProjectCode} 的绩效指标已被修改（当前版本 {set.Version}），请刷新后重试。");
        if (set is not null && SameIndicators(set, request.Indicators)) return ToProto(set);

        var before = set is null ? null : ToProto(set);
        if (set is null)
        {
            set = new IndicatorSetRecord { ProjectCode = request.ProjectCode };
            db.Sets.Add(set);
        }
        var keptActuals = set.Indicators.SelectMany(i => i.Actuals.Select(a => (Indicator: i, Actual: a))).ToList();
        set.Indicators.Clear();
        set.DivisionCode = project.DivisionCode;
        set.UnitCode = project.UnitCode;
        set.Year = project.Year;
        set.FrameworkVersion = review.FrameworkVersion;
        set.Findings = JsonSerializer.Serialize(review.Findings);
        set.Version += 1;
        set.UpdatedAt = clock.Now();
        set.UpdatedBy = caller.Subject;
        for (var i = 0; i < request.Indicators.Count; i++)
        {
            var x = request.Indicators[i];
            var record = new IndicatorRecord
            {
                ProjectCode = set.ProjectCode, Position = i, Level1 = x.Level1, Level2 = x.Level2, Name = x.Name,
                Description = x.Description, Target = x.Target, Basis = x.Basis, Parsed = JsonSerializer.Serialize(review.Parsed[i]),
            };
            // Values already reached stay with an indicator that keeps its place, tree position and name.
            record.Actuals.AddRange(keptActuals
                .Where(k => k.Indicator.Position == i && k.Indicator.Name == x.Name && k.Indicator.Level1 == x.Level1 && k.Indicator.Level2 == x.Level2)
                .Select(k => new ActualValueRecord
                {
                    ProjectCode = set.ProjectCode, Position = i, Period = k.Actual.Period, Value = k.Actual.Value,
                    RecordedAt = k.Actual.RecordedAt, RecordedBy = k.Actual.RecordedBy,
                }));
            set.Indicators.Add(record);
        }
        var after = ToProto(set);
        db.Audit("indicator_set", set.ProjectCode, before is null ? "create" : "replace", caller.Subject, before, after, clock);
        db.Publish(IndicatorSetEvents.Replaced(set));
        await db.SaveChangesAsync(context.CancellationToken);
        return after;
    }

    public override async Task<IndicatorSet> GetIndicatorSet(GetIndicatorSetRequest request, ServerCallContext context)
    {
        new Violations().ProjectCode(request.ProjectCode).ThrowIfAny();
        var project = await projects.GetVisibleAsync(request.ProjectCode, context.Caller(), context.CancellationToken);
        var set = await db.Sets.AsNoTracking().Include(s => s.Indicators).ThenInclude(i => i.Actuals)
            .FirstOrDefaultAsync(s => s.ProjectCode == request.ProjectCode, context.CancellationToken);
        return set is null
            ? new IndicatorSet { ProjectCode = project.Code, Year = project.Year, FrameworkVersion = frameworks.VersionFor(project.Year) }
            : ToProto(set);
    }

    private static bool SameIndicators(IndicatorSetRecord set, IReadOnlyList<Indicator> indicators) =>
        set.Indicators.Count == indicators.Count && set.Indicators.OrderBy(i => i.Position).Zip(indicators).All(p =>
            p.First.Level1 == p.Second.Level1 && p.First.Level2 == p.Second.Level2 && p.First.Name == p.Second.Name
            && p.First.Description == p.Second.Description && p.First.Target == p.Second.Target && p.First.Basis == p.Second.Basis);

    private static IndicatorSet ToProto(IndicatorSetRecord set)
    {
        var findings = JsonSerializer.Deserialize<List<StoredFinding>>(set.Findings) ?? [];
        var proto = new IndicatorSet
        {
            ProjectCode = set.ProjectCode,
            Year = set.Year,
            FrameworkVersion = set.FrameworkVersion,
            Version = set.Version,
            UpdateTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(set.UpdatedAt),
            Findings = { findings.Select(SetMapping.ToProto) },
        };
        foreach (var x in set.Indicators.OrderBy(i => i.Position))
            proto.Indicators.Add(new StoredIndicator
            {
                Indicator = new Indicator
                {
                    Level1 = x.Level1, Level2 = x.Level2, Name = x.Name, Description = x.Description, Target = x.Target, Basis = x.Basis,
                },
                Parsed = SetMapping.ToProto(JsonSerializer.Deserialize<StoredParsedTarget>(x.Parsed)!),
                Findings = { findings.Where(f => f.IndicatorIndex == x.Position).Select(SetMapping.ToProto) },
                Actuals = { x.Actuals.OrderBy(a => a.Period).Select(SetMapping.ToProto) },
            });
        return proto;
    }
}
