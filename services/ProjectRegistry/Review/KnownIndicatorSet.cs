namespace PerfPlatform.ProjectRegistry.Review;

/// <summary>
/// What the registry knows of a project's indicator set from the catalogue's IndicatorSetReplaced events: enough to
/// decide a submission without asking the catalogue (how many indicators, the linter's errors).
/// </summary>
public sealed class KnownIndicatorSet
{
    public string ProjectCode { get; set; } = "";
    public long Version { get; set; }
    public int IndicatorCount { get; set; }
    public int ErrorCount { get; set; }
    /// <summary>The errors as <see cref="Contracts.Indicators.FindingNote"/>s (jsonb); null when the event did not carry them.</summary>
    public string? Errors { get; set; }
}
