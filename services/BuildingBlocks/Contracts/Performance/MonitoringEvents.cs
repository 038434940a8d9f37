namespace PerfPlatform.Contracts.Performance;

/// <summary>The finance bureau opened a mid-year monitoring round (双监控) for a division's year, as of a date.</summary>
public sealed record MonitoringRoundOpened(Guid RoundId, int Year, string DivisionCode, DateOnly AsOf, DateOnly Deadline, string OpenedBy);

/// <summary>
/// A project's monitoring form in a round changed (saved, submitted, accepted, returned, rectified). Carries the whole form's
/// summary, so the newest version alone is enough: consumers keep one row per (round, project) and apply only newer versions.
/// </summary>
public sealed record MonitoringFormChanged(
    Guid RoundId,
    string ProjectCode,
    string DivisionCode,
    string UnitCode,
    int Year,
    long Version,
    string Status,
    long BudgetFen,
    long SpentFen,
    long ExpectedSpentFen,
    int ExecutionBp,
    int PlannedBp,
    int ImpossibleIndicators,
    bool NeedsRectification,
    IReadOnlyList<string> RectificationReasons,
    bool Rectified,
    DateTimeOffset ChangedAt);

/// <summary>States of a monitoring form, and of a self-evaluation (which is never returned).</summary>
public static class PerformanceStatuses
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Accepted = "accepted";
    public const string Returned = "returned";

    public static string Label(string status) => status switch
    {
        Draft => "填报中",
        Submitted => "已报送",
        Accepted => "已审核",
        Returned => "已退回",
        _ => status,
    };
}
