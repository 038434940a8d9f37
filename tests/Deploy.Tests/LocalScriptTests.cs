using System.Diagnostics;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Deploy.Tests;

/// <summary>deploy/local/lib.sh's functions, run in isolation on a scratch PERF_LOCAL with stand-in processes.</summary>
public sealed class LocalScriptTests
{
    /// <summary>
    /// stop_services returns only when the services have exited: one that takes a moment to shut down is waited for, one
    /// that ignores SIGTERM is killed when the time is up. `down` then stops PostgreSQL under no running service.
    /// </summary>
    [Fact]
    public async Task Stop_services_waits_for_each_service_to_exit_and_kills_one_that_does_not()
    {
        var local = Directory.CreateTempSubdirectory("perf-local-").FullName;
        Directory.CreateDirectory(Path.Combine(local, "run"));
        // Detached (setsid, as up starts them), so that they are not this process's children.
        var polite = await StartDetachedAsync("trap 'sleep 1; exit 0' TERM; while :; do sleep 0.1; done");
        var stubborn = await StartDetachedAsync("trap '' TERM; while :; do sleep 0.1; done");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(local, "run", "polite.pid"), polite.ToString());
            await File.WriteAllTextAsync(Path.Combine(local, "run", "stubborn.pid"), stubborn.ToString());
            var (exit, output) = await BashAsync("source deploy/local/lib.sh && stop_services",
                new() { ["PERF_LOCAL"] = local, ["PERF_STOP_TIMEOUT"] = "3" });
            Assert.True(exit == 0, output);
            Assert.True(HasExited(polite), $"polite ({polite}) still running after stop_services:\n{output}");
            Assert.True(HasExited(stubborn), $"stubborn ({stubborn}) still running after stop_services:\n{output}");
            Assert.Contains("stubborn did not stop within 3 s", output);
            Assert.Empty(Directory.GetFiles(Path.Combine(local, "run")));
        }
        finally
        {
            foreach (var pid in new[] { polite, stubborn })
                if (!HasExited(pid)) Process.Start("kill", ["-KILL", pid.ToString()])!.WaitForExit();
            Directory.Delete(local, recursive: true);
        }
    }

    /// <summary>Exited: no such process, or a zombie its new parent has not reaped yet.</summary>
    private static bool HasExited(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Trim().StartsWith('Z'); }
        catch (IOException) { return true; }
    }

    private static async Task<int> StartDetachedAsync(string script)
    {
        var (exit, output) = await BashAsync($"setsid bash -c \"{script}\" >/dev/null 2>&1 </dev/null & echo $!", []);
        Assert.Equal(0, exit);
        return int.Parse(output.Trim());
    }

    private static async Task<(int Exit, string Output)> BashAsync(string command, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = Repo.Root };
        foreach (var (k, v) in environment) start.Environment[k] = v;
        var (exitCode, output, errors) = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(1));
        return (exitCode, output + errors);
    }
}
