using System.Runtime.InteropServices;
using PerfPlatform.TestSupport;

namespace PerfPlatform.Bench;

/// <summary>
/// CPU time (user + system) spent by each process of the platform, read from /proc: the services the stack started,
/// PostgreSQL (every backend, plus what the postmaster has reaped from those that exited), RabbitMQ (the Erlang VM) and
/// the bench itself (the clients). Two snapshots around a run give each process's share of it.
/// </summary>
public sealed class ProcessCpu(PlatformStack stack, IReadOnlyList<string> folders)
{
    public const string PostgreSql = "PostgreSQL";
    public const string RabbitMq = "RabbitMQ";
    public const string Clients = "bench clients";

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);

    private const int ScClockTicks = 2;
    private static readonly double MsPerTick = 1000.0 / Math.Max(1, SysConf(ScClockTicks));

    /// <summary>Milliseconds of CPU each process has used since it started.</summary>
    public Dictionary<string, double> Snapshot()
    {
        var ms = new Dictionary<string, double>();
        foreach (var folder in folders)
            if (stack[folder].ProcessId is { } pid) ms[folder] = Ticks(pid, children: false) * MsPerTick;
        ms[PostgreSql] = SumOf("postgres") * MsPerTick;
        ms[RabbitMq] = SumOf("beam.smp") * MsPerTick;
        ms[Clients] = Ticks(Environment.ProcessId, children: false) * MsPerTick;
        return ms;
    }

    /// <summary>Per operation, what each process spent between two snapshots.</summary>
    public static Dictionary<string, double> PerOperation(Dictionary<string, double> before, Dictionary<string, double> after, int operations) =>
        after.ToDictionary(a => a.Key, a => (a.Value - before.GetValueOrDefault(a.Key)) / Math.Max(1, operations));

    /// <summary>
    /// Waits until the platform is idle again (its processes together use under a tenth of a core), so that the consumers'
    /// work on the run's events is counted with the run; then a snapshot. Gives up waiting after <paramref name="limitSeconds"/>.
    /// </summary>
    public async Task<Dictionary<string, double>> SettledSnapshotAsync(int limitSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(limitSeconds);
        var previous = Snapshot();
        while (true)
        {
            await Task.Delay(500);
            var now = Snapshot();
            var busy = now.Where(n => n.Key != Clients).Sum(n => n.Value - previous.GetValueOrDefault(n.Key));
            if (busy < 50 || DateTime.UtcNow > deadline) return now;
            previous = now;
        }
    }

    public static string Describe(IReadOnlyDictionary<string, double> perOperation) =>
        string.Join(", ", perOperation.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:0.00}")) +
        $"; total {perOperation.Values.Sum():0.00} ms";

    private static long SumOf(string command)
    {
        long total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText($"{dir}/comm").Trim() != command) continue;
                total += Ticks(pid, children: true);
            }
            catch (IOException) { } // the process ended while we looked
            catch (UnauthorizedAccessException) { }
        }
        return total;
    }

    /// <summary>utime + stime (and, for a parent such as the postmaster, cutime + cstime of the children it reaped).</summary>
    private static long Ticks(int pid, bool children)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name may hold spaces; fields are counted after its closing parenthesis (field 3 is the state).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3]);
        return Field(14) + Field(15) + (children ? Field(16) + Field(17) : 0);
    }
}
