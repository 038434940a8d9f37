namespace PerfPlatform.Documents.Checks;

/// <summary>
/// What the services accept when a document is imported, checked here first, so that a table they would refuse is a
/// finding on its lines (skipped with --skip-invalid) rather than an import that stops half-way. The rules live in the
/// services; these mirror them, and a service's tests compare its constants with these where they can reach them.
/// </summary>
public static class ServiceLimits
{
    /// <summary>ProjectRegistry Projects/ProjectRules.MaxFen: the largest budget a project may have (10^12 yuan).</summary>
    public const long MaxAmountFen = 100_000_000_000_000;
}
