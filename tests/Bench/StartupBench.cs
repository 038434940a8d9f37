using PerfPlatform.TestSupport;

namespace PerfPlatform.Bench;

/// <summary>P5: each service's time from process start to ready and its idle memory, beside the gateway's (no database, no broker).</summary>
public static class StartupBench
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(PlatformStack stack, IEnumerable<string> folders)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        var gateway = stack[PlatformStack.Gateway];
        var gatewayRss = Rss(gateway.ProcessId);
        return folders.Where(f => f != PlatformStack.Gateway).Select(f =>
        {
            var service = stack[f];
            var rss = Rss(service.ProcessId);
            return new Figure("P5", $"{f}: start → ready; idle memory", $"{Format.Ms(service.StartupTime.TotalMilliseconds)}; {Format.MiB(rss)}",
                "the gateway", $"{Format.Ms(gateway.StartupTime.TotalMilliseconds)}; {Format.MiB(gatewayRss)}",
                // Higher is better: the gateway's time to ready over the service's.
                gateway.StartupTime.TotalMilliseconds / service.StartupTime.TotalMilliseconds,
                $"memory ratio {(double)rss / gatewayRss:0.00}")
            {
                Number = service.StartupTime.TotalMilliseconds, BaselineNumber = gateway.StartupTime.TotalMilliseconds, Unit = "ms to ready",
                MemoryMiB = rss / 1024.0 / 1024.0, ReadyMs = service.StartupTime.TotalMilliseconds,
            };
        }).ToList();
    }

    /// <summary>Resident memory of a process, from /proc (Linux).</summary>
    private static long Rss(int? pid)
    {
        if (pid is null) return 0;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
