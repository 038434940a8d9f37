using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.IndicatorCatalogue.Tests.Service;

/// <summary>
/// The registry and the catalogue side by side, as they run: each learns what it needs of the other from its events.
/// </summary>
public sealed class CatalogueFixture : IAsyncLifetime
{
    public const string Division = "130636";
    public const string Unit = "434001";
    public const string OtherUnit = "434002";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public PlatformStack Stack { get; private set; } = null!;
    public RegistryClient Registry { get; private set; } = null!;
    public CatalogueClient Catalogue { get; private set; } = null!;

    public CatalogueClient CatalogueFor(string token) => new(Stack.Channel(PlatformStack.Indicators, token));
    public RegistryClient RegistryFor(string token) => new(Stack.Channel(PlatformStack.Registry, token));

    public async Task InitializeAsync()
    {
        Stack = await PlatformStack.StartAsync(PlatformStack.Indicators, PlatformStack.Registry);
        Registry = RegistryFor(Stack.FinanceToken());
        Catalogue = CatalogueFor(Stack.FinanceToken());
        await ReferenceData.SeedAsync(Registry, Division, (Unit, Unit), (OtherUnit, OtherUnit));
    }

    /// <summary>
    /// A draft project of the unit, shaped like the seed's 2021年防贫保险救助资金, once the catalogue has its copy (from the
    /// registry's event).
    /// </summary>
    public async Task<Project> NewProjectAsync(string unit = Unit)
    {
        var project = await Registry.CreateProjectAsync(new CreateProjectRequest
        {
            DivisionCode = Division, UnitCode = unit,
            Project = new Project
            {
                Code = Division + "21" + new string(Random.Shared.GetItems(Alphabet.ToCharArray(), 13)),
                Year = 2021, Name = "2021年防贫保险救助资金", Purpose = "用于防贫保险救助", Goals = { "1.2021年完成支出" },
                Budget = new Budget { TotalFen = 177_165_000, FiscalFen = 177_165_000 },
            },
        });
        await Stack.CatalogueKnowsProjectAsync(project.Code, project.Version);
        return project;
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
