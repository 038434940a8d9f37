using Grpc.Core;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using EvaluationClient = PerfPlatform.Protos.Indicators.V1.SelfEvaluation.SelfEvaluationClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.IndicatorCatalogue.Tests.Service;

/// <summary>
/// The registry, the catalogue and DisbursementTracking side by side: projects approved through the registry, paid
/// through DisbursementTracking and evaluated in the catalogue, which asks DisbursementTracking for the payments to 12-31.
/// </summary>
public sealed class EvaluationFixture : IAsyncLifetime
{
    public const string Division = CatalogueFixture.Division;
    public const string Unit = CatalogueFixture.Unit;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public PlatformStack Stack { get; private set; } = null!;
    public RegistryClient Registry { get; private set; } = null!;
    public EvaluationClient Finance { get; private set; } = null!;
    public EvaluationClient Department { get; private set; } = null!;

    public EvaluationClient EvaluationFor(string token) => new(Stack.Channel(PlatformStack.Indicators, token));

    public async Task InitializeAsync()
    {
        Stack = await PlatformStack.StartAsync(PlatformStack.Indicators, PlatformStack.Registry, PlatformStack.Disbursement);
        Registry = new RegistryClient(Stack.Channel(PlatformStack.Registry, Stack.FinanceToken()));
        Finance = EvaluationFor(Stack.FinanceToken("finance-evaluation"));
        Department = EvaluationFor(Stack.DepartmentToken(Division, Unit));
        await ReferenceData.SeedAsync(Registry, Division, (Unit, Unit));
    }

    /// <summary>The seed's 购置公务用车项目: 180,000.00 元 for one 9-seat car, with its six indicators.</summary>
    public static Indicator[] CarIndicators() =>
    [
        Row("产出指标", "数量指标", "购买数量", "≥1辆"),
        Row("产出指标", "质量指标", "资金到位率", "100百分比"),
        Row("产出指标", "时效指标", "本项目完成时间", "2021年第二季度完成"),
        Row("效益指标", "社会效益指标", "保障机关正常工作开展", "保障机关下乡、开会等工作正常开展"),
        Row("效益指标", "可持续影响指标", "购置设备可持续使用年限", "≥10年"),
        Row("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90百分比"),
    ];

    private static Indicator Row(string level1, string level2, string name, string target) => new()
    {
        Level1 = level1, Level2 = level2, Name = name, Description = name, Target = target, Basis = "顺平县人民政府办公室关于将购置公务用车经费列入预算的请示",
    };

    /// <summary>A new project like the car, approved, known to the catalogue as approved; paid <paramref name="paidFen"/> on 2021-05-20.</summary>
    public async Task<string> ApprovedCarAsync(long paidFen = 18_000_000)
    {
        var created = await Registry.CreateProjectAsync(new CreateProjectRequest
        {
            DivisionCode = Division, UnitCode = Unit,
            Project = new Project
            {
                Code = Division + "21" + new string(Random.Shared.GetItems(Alphabet.ToCharArray(), 13)),
                Year = 2021, Name = "购置公务用车项目经费", Purpose = "购置9座客车一辆", Goals = { "1.预计2021年第二季度完成支出" },
                Budget = new Budget { TotalFen = 18_000_000, FiscalFen = 18_000_000 },
            },
        });
        await Stack.CatalogueKnowsProjectAsync(created.Code, created.Version);
        var catalogue = new CatalogueClient(Stack.Channel(PlatformStack.Indicators, Stack.FinanceToken()));
        var set = await catalogue.PutIndicatorSetAsync(new PutIndicatorSetRequest { ProjectCode = created.Code, Indicators = { CarIndicators() } });
        await Stack.RegistryKnowsIndicatorSetAsync(created.Code, set.Version);
        await Registry.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = created.Code });
        var approved = await Registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = created.Code, Comment = "同意" });
        await Stack.CatalogueKnowsProjectAsync(created.Code, approved.Version);
        if (paidFen > 0)
        {
            var disbursement = new DisbursementClient(Stack.Channel(PlatformStack.Disbursement, Stack.FinanceToken()));
            await Eventually.Succeeds(() => disbursement.RecordDisbursementAsync(new RecordDisbursementRequest
            {
                ProjectCode = created.Code, VoucherId = "GK-" + created.Code, Date = "2021-05-20", AmountFen = paidFen, FundSource = "fiscal", Note = "购置9座客车",
            }).ResponseAsync, e => e is RpcException { StatusCode: StatusCode.NotFound or StatusCode.FailedPrecondition });
        }
        return created.Code;
    }

    /// <summary>Every target of the car met, as the department states it at year end.</summary>
    public static PutSelfEvaluationRequest AllMet(string code) => new()
    {
        ProjectCode = code, Year = 2021,
        Indicators =
        {
            new EvaluatedIndicatorInput { Index = 0, Reached = "1辆" },
            new EvaluatedIndicatorInput { Index = 1, Reached = "100%" },
            new EvaluatedIndicatorInput { Index = 2, Reached = "2021-05-20" },
            new EvaluatedIndicatorInput { Index = 3, Reached = "保障了机关下乡、开会等工作", Grade = "达成" },
            new EvaluatedIndicatorInput { Index = 4, Reached = "10年" },
            new EvaluatedIndicatorInput { Index = 5, Reached = "96%" },
        },
    };

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
