using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>How the department judges a qualitative indicator: 达成, 部分达成 or 未达成.</summary>
public enum QualitativeGrade { Achieved, PartlyAchieved, NotAchieved }

/// <summary>One indicator at year end: its filed target, what was reached, and the department's grade or weight.</summary>
public sealed record IndicatorOutcome(
    int Index,
    string Level1,
    ParsedTarget Target,
    string Reached,
    QualitativeGrade? Grade = null,
    decimal? GradePercent = null,
    decimal? WeightPoints = null);

public sealed record EvaluationInput(int BudgetYear, long BudgetFen, long SpentFen, IReadOnlyList<IndicatorOutcome> Indicators);

/// <summary>A remark on the score; <see cref="Index"/> names the indicator, or is null for the project as a whole.</summary>
public sealed record ScoreFinding(string Code, string Message, int? Index = null)
{
    public const string TargetTooLow = "TARGET_TOO_LOW";
    public const string Level1Missing = "LEVEL1_MISSING";
    public const string Level1NotScored = "LEVEL1_NOT_SCORED";
    public const string ReachedUnreadable = "REACHED_UNREADABLE";
    public const string GradeMissing = "GRADE_MISSING";
    public const string WeightsIgnored = "WEIGHTS_IGNORED";
}

public sealed record ScoredIndicator(int Index, decimal Points, decimal Score, IReadOnlyList<ScoreFinding> Findings)
{
    /// <summary>Fewer points than it could earn: the department owes a cause and an improvement measure.</summary>
    public bool FallsShort => Score < Points;
}

public sealed record EvaluationScore(
    decimal Score,
    decimal OutOf,
    string Grade,
    decimal ExecutionScore,
    IReadOnlyList<ScoredIndicator> Items,
    IReadOnlyList<ScoreFinding> Findings);
