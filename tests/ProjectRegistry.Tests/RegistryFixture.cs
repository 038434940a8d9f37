using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

/// <summary>A registry process on its own database and virtual host, with the seed's division, department and unit.</summary>
public class RegistryFixture : IAsyncLifetime
{
    public const string Division = "130636";
    public const string Department = "434";
    public const string Unit = "434001";
    public const string OtherUnit = "434002";

    public PlatformStack Stack { get; private set; } = null!;
    public RegistryClient Finance { get; private set; } = null!;

    public RegistryClient ClientFor(string token) =>
        new(Stack.Channel(PlatformStack.Registry, token));

    public RegistryClient DepartmentOf(string unit) =>
        ClientFor(Stack.DepartmentToken(Division, unit));

    public async Task InitializeAsync()
    {
        // The registry on its own: the indicator check of a submission is tested with the catalogue in EndToEnd.Tests.
        var settings = new Dictionary<string, string>(Settings) { ["Submission__RequireIndicators"] = "false" };
        Stack = await PlatformStack.StartAsync(settings, PlatformStack.Registry);
        Finance = ClientFor(Stack.FinanceToken());
        await TestSupport.ReferenceData.SeedAsync(Finance, Division, (Unit, "顺平县人民政府办公室（本级）"), (OtherUnit, "顺平县金融服务中心"));
    }

    /// <summary>Configuration a fixture of a derived kind gives the registry beyond its defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
