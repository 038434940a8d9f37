namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>A monitoring round: a division's year as of a date, with the deadline for the forms.</summary>
public sealed class MonitoringRoundRecord
{
    public Guid Id { get; set; }
    public int Year { get; set; }
    public string DivisionCode { get; set; } = "";
    public DateOnly AsOf { get; set; }
    public DateOnly Deadline { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
}

/// <summary>
/// A project's form in a round, as the department filed it, with the money and the rectification assessment as of its
/// last change.
/// </summary>
public sealed class MonitoringFormRecord
{
    public Guid RoundId { get; set; }
    public string ProjectCode { get; set; } = "";
    public string DivisionCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public int Year { get; set; }
    public string Status { get; set; } = "";
    public long Version { get; set; }
    public long BudgetFen { get; set; }
    public long SpentFen { get; set; }
    public int ExecutionBp { get; set; }
    public int PlannedBp { get; set; }
    public int LagBp { get; set; }
    public long ExpectedSpentFen { get; set; }
    /// <summary>JSON array of <see cref="StoredMonitoringIndicator"/>.</summary>
    public string Indicators { get; set; } = "[]";
    public bool NeedsRectification { get; set; }
    /// <summary>JSON array of <see cref="RectificationReason"/>.</summary>
    public string Reasons { get; set; } = "[]";
    public string ReturnComment { get; set; } = "";
    public string ReviewComment { get; set; } = "";
    public bool Rectified { get; set; }
    public string Rectification { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>What the department filed for one indicator (its place in the filed set, from 0).</summary>
public sealed record StoredMonitoringIndicator(int Index, string Reached, string Expected, string Likelihood, string Cause, string CauseText,
    string Measure);
