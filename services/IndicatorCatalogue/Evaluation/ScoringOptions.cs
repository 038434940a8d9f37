namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// How a self-evaluation is scored (docs/domain.md, "Year-end self-evaluation and its score"). Every number here is
/// configuration (section "Evaluation:Scoring"); the defaults are the national ones.
/// </summary>
public sealed class ScoringOptions
{
    public const string Section = "Evaluation:Scoring";

    public decimal ExecutionPoints { get; set; } = 10m;

    /// <summary>
    /// Level-1 indicators that share points. Under the 2021 framework 成本指标 is a level 1 of its own and shares
    /// 产出's 50; under the 2015 framework it never appears at level 1, so one table serves both.
    /// </summary>
    public List<PointGroup> Groups { get; set; } = [];

    // The binder adds configured items to a list it finds filled, so the defaults stand apart and apply when none are set.
    public IReadOnlyList<PointGroup> EffectiveGroups => Groups.Count > 0 ? Groups : DefaultGroups;

    private static readonly PointGroup[] DefaultGroups =
    [
        new() { Level1 = ["产出指标", "成本指标"], Points = 50m },
        new() { Level1 = ["效益指标"], Points = 30m },
        new() { Level1 = ["满意度指标"], Points = 10m },
    ];

    /// <summary>Reached above this multiple of a "≥" target: 目标设定偏低.</summary>
    public decimal TooLowAboveFloor { get; set; } = 1.5m;

    /// <summary>Reached below this fraction of a "≤" target: 目标设定偏低.</summary>
    public decimal TooLowBelowCeiling { get; set; } = 0.5m;

    public decimal PartlyAchievedMin { get; set; } = 60m;
    public decimal PartlyAchievedMax { get; set; } = 80m;
    public decimal NotAchievedMax { get; set; } = 60m;

    /// <summary>Lowest share of the points (percent of what the score is out of) for each grade, best first.</summary>
    public List<GradeFloor> Grades { get; set; } = [];

    public IReadOnlyList<GradeFloor> EffectiveGrades => Grades.Count > 0 ? Grades : DefaultGrades;

    private static readonly GradeFloor[] DefaultGrades =
    [
        new() { Grade = "优", MinPercent = 90m },
        new() { Grade = "良", MinPercent = 80m },
        new() { Grade = "中", MinPercent = 60m },
        new() { Grade = "差", MinPercent = 0m },
    ];

    public sealed class PointGroup
    {
        public List<string> Level1 { get; set; } = [];
        public decimal Points { get; set; }
    }

    public sealed class GradeFloor
    {
        public string Grade { get; set; } = "";
        public decimal MinPercent { get; set; }
    }
}
