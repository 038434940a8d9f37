namespace PerfPlatform.Bench;

/// <summary>One row of the results table: a figure, its baseline measured in the same run, and their ratio.</summary>
/// <summary>
/// One measured figure beside its baseline. <see cref="Ratio"/> is always "higher is better": a rate over its baseline's
/// rate, or the baseline's latency over the figure's. The optional numbers feed the JSON report.
/// </summary>
public sealed record Figure(string Id, string What, string Value, string Baseline, string BaselineValue, double Ratio, string Note = "")
{
    /// <summary>The figure and its baseline as numbers, in <see cref="Unit"/>, for the JSON report.</summary>
    public double? Number { get; init; }
    public double? BaselineNumber { get; init; }
    public string? Unit { get; init; }
    public double? MemoryMiB { get; init; }
    public double? ReadyMs { get; init; }
    public IReadOnlyDictionary<string, double>? CpuMsPerOp { get; init; }
    public double? P50Ms { get; init; }
    public double? P95Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? BaselineP95Ms { get; init; }
}

public static class Format
{
    public static string Rate(LoadResult r) => $"{r.PerSecond:0} /s (p50 {r.Percentile(50):0.0} ms, p99 {r.Percentile(99):0.0} ms{(r.Failures > 0 ? $", {r.Failures} failed" : "")})";
    public static string Ms(double ms) => $"{ms:0.0} ms";
    public static string MiB(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MiB";
}
