using System.Globalization;
using System.Text.Json;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.IndicatorCatalogue.Sets;
using PerfPlatform.IndicatorCatalogue.Targets;
using PerfPlatform.Protos.Indicators.V1;
using ParsedTarget = PerfPlatform.IndicatorCatalogue.Targets.ParsedTarget;
using ScoreFinding = PerfPlatform.IndicatorCatalogue.Evaluation.ScoreFinding;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// A self-evaluation as the scorer sees it and as the form shows it: the filed targets, the values reached (the year-end
/// actuals), the department's other inputs and the money, scored by <see cref="EvaluationScorer"/> alone.
/// </summary>
public sealed record SelfEvaluationState(
    ProjectCopy Project,
    IndicatorSetRecord Set,
    SelfEvaluationRecord? Stored,
    long BudgetFen,
    long SpentFen,
    string SpentSource,
    IReadOnlyDictionary<int, StoredEvaluationInput> Inputs,
    IReadOnlyList<ScoreFinding> ExtraFindings)
{
    public IReadOnlyList<IndicatorRecord> Indicators { get; } = Set.Indicators.OrderBy(i => i.Position).ToList();

    public string ReachedOf(IndicatorRecord indicator) =>
        indicator.Actuals.FirstOrDefault(a => a.Period == ActualValueRecord.YearEnd)?.Value ?? "";

    public ParsedTarget TargetOf(IndicatorRecord indicator) => TargetParser.Parse(indicator.Target, Project.Year);

    public EvaluationScore Score(ScoringOptions options) => EvaluationScorer.Score(new EvaluationInput(Project.Year, BudgetFen, SpentFen,
        Indicators.Select(i =>
        {
            var input = Inputs.GetValueOrDefault(i.Position);
            return new IndicatorOutcome(i.Position, i.Level1, TargetOf(i), ReachedOf(i),
                input is null ? null : SelfEvaluationForms.GradeOf(input.Grade), input?.GradePercent, input?.WeightPoints);
        }).ToList()), options);
}

public static class SelfEvaluationForms
{
    public const string Achieved = "达成";
    public const string PartlyAchieved = "部分达成";
    public const string NotAchieved = "未达成";
    public static readonly string[] GradeNames = [Achieved, PartlyAchieved, NotAchieved];

    public static QualitativeGrade? GradeOf(string grade) => grade switch
    {
        Achieved => QualitativeGrade.Achieved,
        PartlyAchieved => QualitativeGrade.PartlyAchieved,
        NotAchieved => QualitativeGrade.NotAchieved,
        _ => null,
    };

    /// <summary>Every score on the wire: two decimals, invariant ("95.00").</summary>
    public static string Two(decimal value) => EvaluationScorer.Round(value).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Plain(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static IReadOnlyList<StoredRescore> Rescores(SelfEvaluationRecord? stored) =>
        stored is null ? [] : JsonSerializer.Deserialize<List<StoredRescore>>(stored.ReviewedItems) ?? [];

    public static Dictionary<int, StoredEvaluationInput> InputsOf(SelfEvaluationRecord? stored) =>
        (stored is null ? [] : JsonSerializer.Deserialize<List<StoredEvaluationInput>>(stored.Inputs) ?? []).ToDictionary(i => i.Index);

    /// <summary>The reviewed total: the execution score and each item's reviewed score where the finance bureau gave one.</summary>
    public static decimal ReviewedTotal(EvaluationScore score, IReadOnlyList<StoredRescore> rescores) =>
        score.ExecutionScore + score.Items.Sum(i => rescores.FirstOrDefault(r => r.Index == i.Index)?.Score ?? i.Score);

    public static SelfEvaluationForm ToForm(SelfEvaluationState state, EvaluationScore score, ScoringOptions options)
    {
        var stored = state.Stored;
        var rescores = Rescores(stored);
        var form = new SelfEvaluationForm
        {
            ProjectCode = state.Project.Code,
            ProjectName = state.Project.Name,
            DivisionCode = state.Project.DivisionCode,
            UnitCode = state.Project.UnitCode,
            Year = state.Project.Year,
            Status = stored?.Status ?? PerformanceStatuses.Draft,
            Version = stored?.Version ?? 0,
            InitialBudgetFen = state.Project.FirstApprovedFen ?? state.BudgetFen,
            BudgetFen = state.BudgetFen,
            SpentFen = state.SpentFen,
            SpentSource = state.SpentSource,
            ExecutionBp = state.BudgetFen > 0 ? BasisPoints.Ratio(state.SpentFen, state.BudgetFen) : 0,
            ExecutionPoints = Two(options.ExecutionPoints),
            ExecutionScore = Two(score.ExecutionScore),
            Score = Two(score.Score),
            OutOf = Two(score.OutOf),
            Grade = score.Grade,
            Findings = { score.Findings.Concat(state.ExtraFindings).Select(ToProto) },
            ReviewedScore = stored?.ReviewedScore is { } r ? Two(r) : "",
            ReviewedGrade = stored?.ReviewedGrade ?? "",
            ReviewComment = stored?.ReviewComment ?? "",
            ReviewedBy = stored?.ReviewedBy ?? "",
        };
        if (stored is { Version: > 0 }) form.UpdateTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(stored.UpdatedAt);
        foreach (var (indicator, item) in state.Indicators.Zip(score.Items))
        {
            var input = state.Inputs.GetValueOrDefault(indicator.Position);
            form.Items.Add(new EvaluationItem
            {
                Index = indicator.Position, Level1 = indicator.Level1, Level2 = indicator.Level2, Name = indicator.Name, Target = indicator.Target,
                Reached = state.ReachedOf(indicator), Grade = input?.Grade ?? "", GradePercent = Plain(input?.GradePercent),
                WeightPoints = Plain(input?.WeightPoints), Cause = input?.Cause ?? "", Measure = input?.Measure ?? "",
                Points = Two(item.Points), Score = Two(item.Score),
                ReviewedScore = rescores.FirstOrDefault(r => r.Index == item.Index) is { } rescore ? Two(rescore.Score) : "",
                Findings = { item.Findings.Select(ToProto) },
            });
        }
        return form;
    }

    private static Protos.Indicators.V1.ScoreFinding ToProto(ScoreFinding f) => new() { Code = f.Code, Message = f.Message, Index = f.Index ?? -1 };

    public static SelfEvaluationChanged Changed(SelfEvaluationState state, SelfEvaluationRecord record, EvaluationScore score) =>
        new(record.ProjectCode, record.DivisionCode, record.UnitCode, record.Year, record.Version, record.Status, record.BudgetFen,
            record.SpentFen, score.Score, score.OutOf, score.Grade, record.ReviewedScore, record.ReviewedGrade,
            state.Indicators.Zip(score.Items).Select(p => new EvaluatedIndicator(p.Second.Index, p.First.Level1, p.First.Name, p.First.Target,
                state.ReachedOf(p.First), p.Second.Points,
                Rescores(record).FirstOrDefault(r => r.Index == p.Second.Index)?.Score ?? p.Second.Score)).ToList(),
            record.UpdatedAt);
}
