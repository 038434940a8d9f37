using Grpc.Core;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// The whole platform behind its gateway with two departments' units and one project of unit 434001 that has indicators,
/// a spending plan and a payment — enough for every RPC to have something real to answer about.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Division = "130636";
    public const string OwnUnit = "434001";
    public const string OtherUnit = "435001";
    public const string Project = "13063621RELIABILITY01";

    public PlatformStack Stack { get; private set; } = null!;
    public string LibraryId { get; private set; } = "";

    public Grpc.Net.Client.GrpcChannel Gateway(string? token) => Stack.Channel(PlatformStack.Gateway, token);

    public async Task InitializeAsync()
    {
        Stack = await PlatformStack.StartAsync(new Dictionary<string, string>
        {
            ["RateLimit__PermitsPerSecond"] = "100000", ["RateLimit__Burst"] = "100000",
        }, PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement, PlatformStack.Reporting, PlatformStack.Gateway);
        var finance = Gateway(Stack.FinanceToken());
        var registry = new RegistryClient(finance);
        await ReferenceData.SeedAsync(registry, Division, (OwnUnit, OwnUnit), (OtherUnit, OtherUnit));
        var project = await registry.CreateProjectAsync(Requests.CreateProject());
        await registry.SetDepartmentGoalsAsync(Requests.Goals());
        // The catalogue learns of the project from the registry's event.
        await Stack.CatalogueKnowsProjectAsync(project.Code, project.Version);
        await new CatalogueClient(finance).PutIndicatorSetAsync(Requests.Indicators());
        var disbursement = new DisbursementClient(finance);
        await Eventually.Succeeds(() => disbursement.PutSpendingPlanAsync(Requests.Plan()).ResponseAsync,
            e => e is RpcException { StatusCode: StatusCode.FailedPrecondition });
        await disbursement.RecordDisbursementAsync(Requests.Payment());
        LibraryId = (await new CatalogueClient(finance).SearchLibraryAsync(new SearchLibraryRequest { Query = "覆盖人口数量" })).Indicators[0].Id;
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    /// <summary>
    /// A new project of the own unit, with indicators, brought by the finance role to a workflow state, so that a review
    /// action has a project it can validly act on however many identities try it.
    /// </summary>
    public async Task<string> NewProjectAsync(ProjectStatus status)
    {
        var finance = Gateway(Stack.FinanceToken());
        var registry = new RegistryClient(finance);
        var request = Requests.CreateProject();
        request.Project.Code = "";
        var created = await registry.CreateProjectAsync(request);
        var code = created.Code;
        var indicators = Requests.Indicators();
        indicators.ProjectCode = code;
        // Each service learns of the other's change from its event: the catalogue of the project, the registry of the set.
        await Stack.CatalogueKnowsProjectAsync(code, created.Version);
        var set = await new CatalogueClient(finance).PutIndicatorSetAsync(indicators);
        await Stack.RegistryKnowsIndicatorSetAsync(code, set.Version);
        if (status == ProjectStatus.Draft) return code;
        await registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = code });
        if (status == ProjectStatus.Submitted) return code;
        await registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = code, Comment = "同意" });
        return code;
    }
}

/// <summary>Valid requests about the fixture's data; repeating any of them changes nothing.</summary>
public static class Requests
{
    public static CreateProjectRequest CreateProject() => new()
    {
        DivisionCode = PlatformFixture.Division, UnitCode = PlatformFixture.OwnUnit,
        Project = new Project
        {
            Code = PlatformFixture.Project, Year = 2021, Name = "可靠性测试项目", Purpose = "测试", Goals = { "1.2021年完成支出" },
            Budget = new Budget { TotalFen = 100_000_00, FiscalFen = 100_000_00 },
        },
    };

    public static SetDepartmentGoalsRequest Goals() => new()
    {
        DivisionCode = PlatformFixture.Division, DepartmentCode = "434", Year = 2021, OverallGoal = "保障工作正常运转", SafeguardMeasures = "加强管理",
    };

    public static PutIndicatorSetRequest Indicators() => new()
    {
        ProjectCode = PlatformFixture.Project,
        Indicators =
        {
            new Indicator { Level1 = "产出指标", Level2 = "数量指标", Name = "覆盖人口数量", Description = "覆盖人口数", Target = "47244人", Basis = "请示" },
            new Indicator { Level1 = "满意度指标", Level2 = "服务对象满意度指标", Name = "群众满意度", Description = "满意比例", Target = "≥90%", Basis = "请示" },
        },
    };

    public static PutSpendingPlanRequest Plan() => new()
    {
        ProjectCode = PlatformFixture.Project,
        Checkpoints =
        {
            new Checkpoint { Month = 3, CumulativeBp = 1000 }, new Checkpoint { Month = 6, CumulativeBp = 3000 },
            new Checkpoint { Month = 10, CumulativeBp = 6000 }, new Checkpoint { Month = 12, CumulativeBp = 10000 },
        },
    };

    public static RecordDisbursementRequest Payment() => new()
    {
        ProjectCode = PlatformFixture.Project, VoucherId = "REL-0001", Date = "2021-03-01", AmountFen = 1_000_00, FundSource = "fiscal", Note = "测试",
    };
}
