using System.Diagnostics;
using Microsoft.Playwright;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Web.Tests;

/// <summary>
/// The whole platform behind its gateway with the seed imported by perfctl, the console in front of the gateway, and one
/// Chromium (Debian's, the machine has no Playwright download) shared by every browser test.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Division = "130636";
    public const string Unit = "434001";

    // Users of the tests' identity provider: role and units under the provider's own claim names and role values.
    public static readonly TestUser ProviderOfficer = new("zhang.wei", "张伟", TestIdentityProvider.DepartmentRole, Division, [Unit]);
    public static readonly TestUser ProviderOtherUnitOfficer = new("li.na", "李娜", TestIdentityProvider.DepartmentRole, Division, ["434002"]);
    public static readonly TestUser ProviderShortLivedOfficer =
        new("wang.fang", "王芳", TestIdentityProvider.DepartmentRole, Division, [Unit], TimeSpan.FromSeconds(5));

    /// <summary>A real OIDC provider whose access tokens the gateway and services accept besides the development key's.</summary>
    public TestIdentityProvider Provider { get; private set; } = null!;
    public PlatformStack Stack { get; private set; } = null!;
    public ServiceProcess Console { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Console.HttpAddress;
    public static string Screenshots { get; } = Path.Combine(TestEnvironment.RepoRoot, "tests", "Web.Tests", "TestResults", "screenshots");

    private IPlaywright? _playwright;
    private ServiceProcess? _providerConsole;
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"perf-web-{Guid.NewGuid():N}.key");

    public async Task InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync(ProviderOfficer, ProviderOtherUnitOfficer, ProviderShortLivedOfficer);
        Stack = await PlatformStack.StartAsync(Provider.PlatformSettings(), PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement,
            PlatformStack.Reporting, PlatformStack.Gateway);
        var import = await Perfctl.RunAsync(Stack, Stack.FinanceToken("finance-import"), "import", TestEnvironment.SeedPath);
        if (import.ExitCode != 0) throw new InvalidOperationException($"perfctl import failed ({import.ExitCode}):\n{import.Output}\n{import.Errors}");
        await File.WriteAllTextAsync(_keyFile, Convert.ToBase64String(Stack.SigningKey));
        Console = await StartConsoleAsync(_keyFile);
        await WaitForReadModelAsync();
        Directory.CreateDirectory(Screenshots);
        // Two cores shared with the whole stack: a page can take a few seconds to load its data.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath(), Headless = true });
    }

    /// <summary>A console process pointed at this stack's gateway, with the given development key file (or a missing one).</summary>
    public async Task<ServiceProcess> StartConsoleAsync(string keyFile) =>
        await ServiceProcess.StartAsync("Web", TestEnvironment.FreePort(), TestEnvironment.FreePort(), new Dictionary<string, string>
        {
            ["Auth__SigningKeyFile"] = keyFile,
            ["Gateway__Grpc"] = Stack[PlatformStack.Gateway].GrpcAddress,
        });

    /// <summary>
    /// A second console, as in production: it signs in only through the provider (no development key) and passes the
    /// provider's access token to the gateway. Started on first use, kept for the collection.
    /// </summary>
    public async Task<ServiceProcess> ProviderConsoleAsync()
    {
        if (_providerConsole is not null) return _providerConsole;
        var port = TestEnvironment.FreePort();
        Provider.AllowConsole($"http://127.0.0.1:{port}");
        var settings = new Dictionary<string, string>(Provider.ConsoleSettings())
        {
            ["Auth__SigningKeyFile"] = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.key"),
            ["Gateway__Grpc"] = Stack[PlatformStack.Gateway].GrpcAddress,
        };
        return _providerConsole = await ServiceProcess.StartAsync("Web", port, TestEnvironment.FreePort(), settings);
    }

    /// <summary>A fresh browser context with its own cookies (the provider's session included), not signed in.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new() { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh browser context (its own cookies) signed in through the development sign-in.</summary>
    public async Task<IPage> SignInAsync(string query)
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/signin/dev?{query}");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });

    /// <summary>Runs an assertion; when it fails, the page as it stood is kept beside the other screenshots.</summary>
    public static async Task OrScreenshotAsync(IPage page, string name, Func<Task> assertion)
    {
        try { await assertion(); }
        catch
        {
            await ScreenshotAsync(page, name);
            throw;
        }
    }

    /// <summary>Reporting follows the import's events: the pages read it, so the tests start once it holds the seed.</summary>
    private async Task WaitForReadModelAsync()
    {
        var reporting = new ReportingClient(Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken()));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var summary = await reporting.GetSummaryAsync(new SummaryRequest { Year = 2021, GroupBy = "division" });
            if (summary.Total.ProjectCount == 6 && summary.Total.Findings.Errors >= 3) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("Reporting did not show the seed's six projects within 60 s.");
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "chromium")).FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException("chromium is not installed: apt-get install -y chromium fonts-wqy-zenhei (deploy/local/test does).");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Console is not null)
        {
            await Console.DisposeAsync();
            // The console's own log (warnings and errors) beside the screenshots, for a failed run.
            await File.WriteAllTextAsync(Path.Combine(Screenshots, "..", "console.log"), Console.Log);
        }
        if (_providerConsole is not null)
        {
            await _providerConsole.DisposeAsync();
            await File.WriteAllTextAsync(Path.Combine(Screenshots, "..", "provider-console.log"), _providerConsole.Log);
        }
        if (Stack is not null) await Stack.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
        File.Delete(_keyFile);
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
