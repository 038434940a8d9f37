namespace PerfPlatform.Bench;

/// <summary>
/// --quick (under two minutes), --duration SECONDS, --concurrency N, --scale PROJECTS, --out FILE, --json FILE, --only P1,P3
/// (P1 and P2 are measured together, since P2 runs at half of P1's rate), --p3-projects N (the projects one P3 batch pays;
/// 20 unless given).
/// </summary>
public sealed record BenchOptions(bool Quick, TimeSpan Duration, int Concurrency, int Scale, string Output, IReadOnlySet<string> Only,
    string? Json = null, int P3Projects = BenchOptions.DefaultP3Projects)
{
    public const int DefaultP3Projects = 20;

    public bool Runs(params string[] ids) => Only.Count == 0 || ids.Any(Only.Contains);

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var duration = TimeSpan.FromSeconds(int.Parse(Value("--duration") ?? (quick ? "5" : "30")));
        var concurrency = int.Parse(Value("--concurrency") ?? "16");
        var scale = int.Parse(Value("--scale") ?? (quick ? "20000" : "1000000"));
        var output = Value("--out") ?? "bench-results.md";
        var only = (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(id => id.ToUpperInvariant()).ToHashSet();
        if (only.Except(["P1", "P2", "P3", "P4", "P5"]).FirstOrDefault() is { } unknown)
            throw new ArgumentException($"--only takes figure ids P1 to P5, not {unknown}.");
        var p3Projects = Value("--p3-projects") is { } n ? int.Parse(n) : DefaultP3Projects;
        if (p3Projects < 1) throw new ArgumentException("--p3-projects takes a number of projects, at least 1.");
        return new BenchOptions(quick, duration, concurrency, scale, output, only, Value("--json"), p3Projects);
    }
}
