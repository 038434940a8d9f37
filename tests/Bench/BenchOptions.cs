namespace PerfPlatform.Bench;

/// <summary>--quick (under two minutes), --duration SECONDS, --concurrency N, --scale PROJECTS, --out FILE.</summary>
public sealed record BenchOptions(bool Quick, TimeSpan Duration, int Concurrency, int Scale, string Output)
{
    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var duration = TimeSpan.FromSeconds(int.Parse(Value("--duration") ?? (quick ? "5" : "30")));
        var concurrency = int.Parse(Value("--concurrency") ?? "16");
        var scale = int.Parse(Value("--scale") ?? (quick ? "20000" : "1000000"));
        var output = Value("--out") ?? "bench-results.md";
        return new BenchOptions(quick, duration, concurrency, scale, output);
    }
}
