namespace PerfPlatform.ProjectRegistry.Results;

/// <summary>A project's latest self-evaluation as IndicatorCatalogue's SelfEvaluationChanged told the registry.</summary>
public sealed class KnownSelfEvaluation
{
    public string ProjectCode { get; set; } = "";
    public long Version { get; set; }
    public int Year { get; set; }
    public string Status { get; set; } = "";
    /// <summary>The department's score and grade; the finance bureau's (复核) beside them once reviewed.</summary>
    public decimal Score { get; set; }
    public decimal OutOf { get; set; }
    public string Grade { get; set; } = "";
    public decimal? ReviewedScore { get; set; }
    public string? ReviewedGrade { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    public decimal FinalScore => ReviewedScore ?? Score;
    public string FinalGrade => ReviewedGrade ?? Grade;
}

/// <summary>A monitoring form of one round for one project, as far as rectification goes.</summary>
public sealed class KnownMonitoringForm
{
    public Guid RoundId { get; set; }
    public string ProjectCode { get; set; } = "";
    public long Version { get; set; }
    public string Status { get; set; } = "";
    public bool NeedsRectification { get; set; }
    public bool Rectified { get; set; }
}

/// <summary>A project's spending warning; an empty level means none is raised.</summary>
public sealed class KnownWarning
{
    public string ProjectCode { get; set; } = "";
    public long Version { get; set; }
    public string Level { get; set; } = "";
    public string Message { get; set; } = "";
}
