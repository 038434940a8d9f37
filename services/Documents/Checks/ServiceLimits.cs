namespace PerfPlatform.Documents.Checks;

/// <summary>
/// What the services accept when a document is imported, checked here first, so that a table they would refuse is a
/// finding on its lines (skipped with --skip-invalid) rather than an import that stops half-way. The rules live in the
/// services; these mirror them, and a service's tests compare its constants with these where they can reach them.
/// </summary>
public static class ServiceLimits
{
    // ProjectRegistry Projects/ProjectRules: CheckName, CheckPurpose, CheckGoals.
    public const int MaxProjectName = 200;
    public const int MaxPurpose = 2000;
    public const int MaxGoals = 50;
    public const int MaxGoalLength = 1000;

    /// <summary>
    /// DisbursementTracking Plans/DisbursementOptions.DefaultCheckpointMonths, which PlanRules.Check requires in this order.
    /// A deployment may configure other months (Disbursement:CheckpointMonths); the service then has the last word.
    /// </summary>
    public static IReadOnlyList<int> CheckpointMonths { get; } = [3, 6, 10, 12];

    /// <summary>DisbursementTracking Plans/PlanRules.LabelOf: a checkpoint is labelled by its month, and by nothing else.</summary>
    public static string CheckpointLabel(int month) => $"{month}月底";

    // IndicatorCatalogue Sets/IndicatorFieldLimits.Check and Sets/SetEndpoints.MaxIndicators.
    public const int MaxIndicators = 200;
    public const int MaxIndicatorLevel = 50;
    public const int MaxIndicatorName = 100;
    public const int MaxIndicatorDescription = 1000;
    public const int MaxIndicatorTarget = 500;
    public const int MaxIndicatorBasis = 1000;
}
