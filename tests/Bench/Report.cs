using System.Globalization;
using System.Text;

namespace PerfPlatform.Bench;

public static class Report
{
    public static string Markdown(IEnumerable<Figure> figures, BenchOptions options)
    {
        var md = new StringBuilder();
        md.AppendLine($"# PerfPlatform bench — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({(options.Quick ? "quick" : "full")})");
        md.AppendLine();
        md.AppendLine($"Machine: {Machine()}");
        md.AppendLine($"Settings: {options.Duration.TotalSeconds} s per figure, concurrency {options.Concurrency}, P4 scale {options.Scale:N0} projects.");
        md.AppendLine();
        md.AppendLine("| id | figure | value | baseline | baseline value | ratio (higher is better) | note |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var f in figures)
            md.AppendLine($"| {f.Id} | {f.What} | {f.Value} | {f.Baseline} | {f.BaselineValue} | {f.Ratio.ToString("0.00", CultureInfo.InvariantCulture)} | {f.Note} |");
        return md.ToString();
    }

    /// <summary>The figures as JSON: one object per figure and row, with null for what does not apply.</summary>
    public static string Json(IEnumerable<Figure> figures) =>
        System.Text.Json.JsonSerializer.Serialize(figures.Select(f => new
        {
            id = f.Id, label = f.What, value = f.Number, unit = f.Unit, baselineLabel = f.Baseline, baselineValue = f.BaselineNumber,
            ratio = f.Ratio, p50Ms = f.P50Ms, p95Ms = f.P95Ms, p99Ms = f.P99Ms, baselineP95Ms = f.BaselineP95Ms,
            memoryMiB = f.MemoryMiB, readyMs = f.ReadyMs, cpuMsPerOp = f.CpuMsPerOp,
        }), new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] : "0";
        return $"{Environment.ProcessorCount} cores ({cpu}), {long.Parse(memory) / 1024 / 1024} GiB, " +
               $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
