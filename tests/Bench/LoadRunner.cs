using System.Diagnostics;

namespace PerfPlatform.Bench;

/// <summary>Per-operation latencies and the rate over the wall time of a bounded run.</summary>
public sealed record LoadResult(int Operations, int Failures, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0) return double.NaN;
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

public static class LoadRunner
{
    /// <summary>The warm-up's sequence numbers start here, so that an operation can tell them from the measured ones.</summary>
    public const long WarmupSequence = long.MaxValue / 2;

    /// <summary>
    /// Runs `operation` from `concurrency` workers for `duration`, optionally paced to a total rate; bounded in time, it
    /// stops by itself. Each worker gets its index and a running sequence number. <paramref name="measuring"/> runs between
    /// the warm-up and the measured run.
    /// </summary>
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, long, Task> operation, double? ratePerSecond = null,
        Func<Task>? measuring = null)
    {
        // Warm up first, so that neither side is measured on code the JIT has not optimised yet.
        await Measure(concurrency, duration / 3, operation, ratePerSecond, WarmupSequence);
        if (measuring is not null) await measuring();
        return await Measure(concurrency, duration, operation, ratePerSecond, 0);
    }

    private static async Task<LoadResult> Measure(int concurrency, TimeSpan duration, Func<int, long, Task> operation,
        double? ratePerSecond, long firstSequence)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var sequence = firstSequence;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            latencies[w] = [];
            while (clock.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref sequence);
                if (ratePerSecond is { } rate)
                {
                    var due = TimeSpan.FromSeconds((n - firstSequence) / rate);
                    if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
                    if (clock.Elapsed >= duration) break;
                }
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(w, n);
                    latencies[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).ToArray();
        return new LoadResult(all.Length, failures, clock.Elapsed, all);
    }
}
