namespace PerfPlatform.Bench;

/// <summary>One row of the results table: a figure, its baseline measured in the same run, and their ratio.</summary>
public sealed record Figure(string Id, string What, string Value, string Baseline, string BaselineValue, double Ratio, string Note = "");

public static class Format
{
    public static string Rate(LoadResult r) => $"{r.PerSecond:0} /s (p50 {r.Percentile(50):0.0} ms, p99 {r.Percentile(99):0.0} ms{(r.Failures > 0 ? $", {r.Failures} failed" : "")})";
    public static string Ms(double ms) => $"{ms:0.0} ms";
    public static string MiB(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MiB";
}
