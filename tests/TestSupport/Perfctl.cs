using System.Diagnostics;

namespace PerfPlatform.TestSupport;

/// <summary>Runs the built perfctl against a stack's gateway, as an official at a terminal would (without one).</summary>
public static class Perfctl
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(PlatformStack stack, string token, params string[] args)
    {
        var dll = Path.Combine(TestEnvironment.RepoRoot, "services", "Cli", "bin", TestEnvironment.Configuration, "net10.0", "perfctl.dll");
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PERF_GATEWAY"] = stack[PlatformStack.Gateway].GrpcAddress;
        start.Environment["PERF_TOKEN"] = token;
        return await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(2));
    }
}
