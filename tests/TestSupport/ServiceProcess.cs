using System.Diagnostics;
using System.Text;

namespace PerfPlatform.TestSupport;

/// <summary>A platform service started from its built output as a real process, as deploy/local/up starts it.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly string _folder;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _startedPath;
    private Process? _process;

    private ServiceProcess(string folder, int httpPort, int grpcPort, IReadOnlyDictionary<string, string> environment,
        string startedPath)
    {
        _folder = folder;
        _startedPath = startedPath;
        HttpPort = httpPort;
        GrpcPort = grpcPort;
        _environment = environment;
    }

    public int? ProcessId => _process?.Id;
    /// <summary>From process start to the first successful answer of the start path (/healthz/ready unless told otherwise).</summary>
    public TimeSpan StartupTime { get; private set; }

    public int HttpPort { get; }
    public int GrpcPort { get; }
    public string HttpAddress => $"http://127.0.0.1:{HttpPort}";
    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>
    /// Starts the service and waits until <paramref name="startedPath"/> answers successfully: /healthz/ready by default;
    /// /healthz/live for a service meant to start without its dependencies.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string folder, int httpPort, int grpcPort,
        IReadOnlyDictionary<string, string> environment, string startedPath = "/healthz/ready")
    {
        var service = new ServiceProcess(folder, httpPort, grpcPort, environment, startedPath);
        await service.StartAsync();
        return service;
    }

    /// <summary>Starts the stopped service again; <paramref name="settings"/> (environment variables) apply to this start only.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = TestEnvironment.ServiceDll(_folder);
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["Ports__Http"] = HttpPort.ToString();
        start.Environment["Ports__Grpc"] = GrpcPort.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in _environment.Concat(settings ?? new Dictionary<string, string>())) start.Environment[k] = v;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var started = Stopwatch.StartNew();
        await WaitReadyAsync(TimeSpan.FromSeconds(60));
        StartupTime = started.Elapsed;
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"{_folder} exited with code {_process.ExitCode} during start-up:\n{Log}");
            try
            {
                using var response = await http.GetAsync($"{HttpAddress}{_startedPath}");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{_folder} was not ready within {timeout}:\n{Log}");
    }

    /// <summary>
    /// Runs the service's program once with the same configuration and extra arguments (e.g. --migrate-only,
    /// --rebuild), waits for it to exit and returns its exit code and output.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] args)
    {
        var dll = TestEnvironment.ServiceDll(_folder);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        // Its own ports, so that it can start beside the running service.
        start.Environment["Ports__Http"] = TestEnvironment.FreePort().ToString();
        start.Environment["Ports__Grpc"] = TestEnvironment.FreePort().ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (k, v) in _environment) start.Environment[k] = v;
        var (exitCode, output, errors) = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(2));
        return (exitCode, output + errors);
    }

    /// <summary>Stops the process: gracefully, or with SIGKILL as a crash would.</summary>
    public async Task StopAsync(bool kill = false)
    {
        if (_process is null || _process.HasExited) return;
        if (kill) _process.Kill(entireProcessTree: true);
        else
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
