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
                $"memory ratio {(double)rss / gatewayRss:0.00}; {Breakdown(service.ProcessId)}")
            {
                Number = service.StartupTime.TotalMilliseconds, BaselineNumber = gateway.StartupTime.TotalMilliseconds, Unit = "ms to ready",
                MemoryMiB = rss / 1024.0 / 1024.0, ReadyMs = service.StartupTime.TotalMilliseconds,
            };
        }).ToList();
    }

    /// <summary>
    /// What the resident memory is, from /proc/PID/smaps: the runtime's executable-memory double mapping (W^X:
    /// JIT'd code and loader heaps, in a memfd), other anonymous memory (GC heaps, native allocations), and mapped files
    /// (runtime and assemblies: clean pages shared by the host's .NET processes); and the proportional share (PSS).
    /// </summary>
    private static string Breakdown(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/smaps")) return "";
        long doubleMapped = 0, anonymous = 0, files = 0, pss = 0;
        var name = "";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 5 && parts[0].Contains('-') && !parts[0].EndsWith(':')) name = parts.Length >= 6 ? parts[5] : "";
            else if (parts is ["Pss:", var p, ..]) pss += long.Parse(p);
            else if (parts is ["Rss:", var r, ..])
            {
                var kb = long.Parse(r);
                if (name.StartsWith("/memfd:doublemapper")) doubleMapped += kb;
                else if (name.StartsWith('/')) files += kb;
                else anonymous += kb;
            }
        }
        return $"code double-mapping {doubleMapped / 1024.0:0.0} MiB, anonymous {anonymous / 1024.0:0.0} MiB, " +
               $"files {files / 1024.0:0.0} MiB, PSS {pss / 1024.0:0.0} MiB";
    }

    /// <summary>Resident memory of a process, from /proc (Linux).</summary>
    private static long Rss(int? pid)
    {
        if (pid is null) return 0;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
