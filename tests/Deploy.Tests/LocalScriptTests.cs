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

    /// <summary>
    /// A checkout under a folder only its owner may enter (root's home, mode 700): PostgreSQL, run as the postgres user
    /// when we are root, starts with its data outside the checkout (under PERF_PG_HOMES, keyed by PERF_LOCAL), answers,
    /// and pg_purge (down --purge) deletes that data. On its own port and PERF_LOCAL: the shared servers are not touched.
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task PostgreSQL_runs_for_a_checkout_the_postgres_user_cannot_enter_and_purge_deletes_its_data()
    {
        var closed = Directory.CreateTempSubdirectory("perf-closed-").FullName;
        var homes = Directory.CreateTempSubdirectory("perf-pg-homes-").FullName;
        try
        {
            File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(homes, (UnixFileMode)0b111_101_101);
            var checkout = Path.Combine(closed, "checkout");
            Directory.CreateDirectory(Path.Combine(checkout, "deploy", "local"));
            File.Copy(Path.Combine(Repo.Root, "deploy", "local", "lib.sh"), Path.Combine(checkout, "deploy", "local", "lib.sh"));
            var script = """
                set -euo pipefail
                source deploy/local/lib.sh
                # Never a server of anyone else: the data must be this checkout's or under this test's homes.
                case "$(pg_home)" in "$PERF_ROOT/.local/"*|"$PERF_PG_HOMES/"*) ;; *) echo "unexpected home $(pg_home)"; exit 99 ;; esac
                trap 'pg_stop || true' EXIT
                echo "data=$(pg_data)"
                pg_start
                pg_ensure_db perf_probe
                echo "answer=$(pg_as "$(pg_bin)/psql" -h "$(pg_socket_dir)" -p "$PG_PORT" -U postgres -d perf_probe -qtAX -c 'SELECT 42')"
                pg_stop
                pg_purge
                echo "left=$(ls -A "$PERF_PG_HOMES")|$(ls -A "$PERF_LOCAL")"
                """;
            var (exit, output) = await BashAsync(script, new()
            {
                ["PERF_LOCAL"] = null, ["PERF_PG_PORT"] = TestEnvironment.FreePort().ToString(), ["PERF_PG_HOMES"] = homes,
                // Not used here; ports of no running broker should anything reach for one.
                ["PERF_RABBIT_PORT"] = "1", ["PERF_RABBIT_EPMD_PORT"] = "1",
            }, workingDirectory: checkout);
            Assert.True(exit == 0, output);
            Assert.Contains("answer=42", output);
            var lines = output.Split('\n');
            var data = lines.Single(l => l.StartsWith("data=", StringComparison.Ordinal))[5..];
            if (Environment.UserName == "root") Assert.StartsWith(homes + "/", data);
            else Assert.StartsWith(checkout + "/.local/postgres/", data);
            // Nothing left of it: neither under the homes nor in PERF_LOCAL.
            Assert.Contains("left=|", lines);
        }
        finally
        {
            Directory.Delete(closed, recursive: true);
            Directory.Delete(homes, recursive: true);
        }
    }

    /// <summary>A PERF_LOCAL that already holds PostgreSQL's data keeps it there (checkouts from before the move need no migration).</summary>
    [Fact]
    public async Task Existing_data_under_PERF_LOCAL_stays_where_it_is()
    {
        var local = Directory.CreateTempSubdirectory("perf-local-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(local, "postgres", "data"));
            var (_, fresh) = await BashAsync("source deploy/local/lib.sh && pg_data", new() { ["PERF_LOCAL"] = local, ["PERF_PG_HOMES"] = "/nowhere" });
            await File.WriteAllTextAsync(Path.Combine(local, "postgres", "data", "PG_VERSION"), "15");
            var (exit, existing) = await BashAsync("source deploy/local/lib.sh && pg_data", new() { ["PERF_LOCAL"] = local, ["PERF_PG_HOMES"] = "/nowhere" });
            Assert.True(exit == 0, existing);
            Assert.Equal(Path.Combine(local, "postgres", "data"), existing.Trim());
            if (Environment.UserName == "root") Assert.StartsWith("/nowhere/", fresh.Trim());
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    /// <summary>The local stack reads each service's ports from its appsettings.json, and stops at once when they are not there.</summary>
    [Fact]
    public async Task The_local_stack_reads_the_ports_from_the_service_s_configuration()
    {
        var checkout = Directory.CreateTempSubdirectory("perf-checkout-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(checkout, "deploy", "local"));
            Directory.CreateDirectory(Path.Combine(checkout, "services", "Reporting"));
            File.Copy(Path.Combine(Repo.Root, "deploy", "local", "lib.sh"), Path.Combine(checkout, "deploy", "local", "lib.sh"));
            var settings = Path.Combine(checkout, "services", "Reporting", "appsettings.json");
            const string list = "source deploy/local/lib.sh && printf '%s\\n' \"${PERF_SERVICES[@]}\"";
            await File.WriteAllTextAsync(settings, "{\n  \"Ports\": { \"Http\": 6140, \"Grpc\": 6141 },\n  \"Logging\": {}\n}\n");
            var (exit, output) = await BashAsync(list, [], checkout);
            Assert.True(exit == 0, output);
            Assert.Contains("Reporting reporting 6140 6141 perf_reporting", output.Split('\n'));

            await File.WriteAllTextAsync(settings, "{ \"Logging\": {} }");
            (exit, output) = await BashAsync(list, [], checkout);
            Assert.NotEqual(0, exit);
            Assert.Contains("services/Reporting/appsettings.json has no line \"Ports\"", output);
        }
        finally
        {
            Directory.Delete(checkout, recursive: true);
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

    /// <summary>Runs bash in the repository (or elsewhere); an environment variable given as null is removed.</summary>
    private static async Task<(int Exit, string Output)> BashAsync(string command, Dictionary<string, string?> environment,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = workingDirectory ?? Repo.Root };
        foreach (var (k, v) in environment)
            if (v is null) start.Environment.Remove(k);
            else start.Environment[k] = v;
        var (exitCode, output, errors) = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(1));
        return (exitCode, output + errors);
    }
}
