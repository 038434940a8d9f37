using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>The whole platform behind its gateway, with the seed document imported by perfctl with a finance token.</summary>
public sealed class SeedFixture : IAsyncLifetime
{
    public PlatformStack Stack { get; private set; } = null!;
    public TargetDocument Seed { get; } = TargetDocumentParser.Parse(File.ReadAllText(TestEnvironment.SeedPath)).Document;
    public (int ExitCode, string Output, string Errors) FirstImport { get; private set; }

    public async Task InitializeAsync()
    {
        Stack = await PlatformStack.StartAsync(new Dictionary<string, string> { ["Clock__AllowTestControl"] = "true" },
            PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement, PlatformStack.Reporting, PlatformStack.Gateway);
        // No --division-name: the county's name is read off the unit's.
        var import = await Perfctl.RunAsync(Stack, Stack.FinanceToken("finance-import"), "import", TestEnvironment.SeedPath);
        // A failed import names what gave up; the services' own logs say why.
        FirstImport = import.ExitCode == 0 ? import : (import.ExitCode, import.Output, import.Errors + "\n" + Stack.Logs);
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
