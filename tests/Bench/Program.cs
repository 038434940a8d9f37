using System.Text;
using PerfPlatform.Bench;
using PerfPlatform.TestSupport;

// tests/Bench: measures the platform on this machine and prints each figure beside a baseline from the same run.
var options = BenchOptions.Parse(args);
Console.OutputEncoding = Encoding.UTF8;
Console.WriteLine($"PerfPlatform bench ({(options.Quick ? "quick" : "full")}): duration {options.Duration.TotalSeconds} s per figure, " +
                  $"concurrency {options.Concurrency}, scale {options.Scale:N0} projects");

var folders = new[] { PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement, PlatformStack.Reporting, PlatformStack.Gateway };
await using var stack = await PlatformStack.StartAsync(new Dictionary<string, string>
{
    ["Submission__RequireIndicators"] = "false",
    ["RateLimit__PermitsPerSecond"] = "1000000",
    ["RateLimit__Burst"] = "1000000",
    ["Logging__LogLevel__Default"] = "Warning",
}, folders);

var figures = new List<Figure>();
if (options.Runs("P5")) figures.AddRange(await StartupBench.RunAsync(stack, folders));
if (options.Runs("P1", "P2")) figures.AddRange(await new RegistrationBench(stack, options, folders).RunAsync());
if (options.Runs("P3")) figures.AddRange(await new BatchBench(stack, options).RunAsync());
if (options.Runs("P4")) figures.AddRange(await new SummaryBench(stack, options).RunAsync());

var report = Report.Markdown(figures, options);
Console.WriteLine(report);
await File.WriteAllTextAsync(options.Output, report);
Console.WriteLine($"Written to {Path.GetFullPath(options.Output)}");
if (options.Json is { } json)
{
    await File.WriteAllTextAsync(json, Report.Json(figures));
    Console.WriteLine($"Written to {Path.GetFullPath(json)}");
}
