using Grpc.Core;
using Npgsql;
using PerfPlatform.IndicatorCatalogue.Tests.Service;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using MonitoringClient = PerfPlatform.Protos.Indicators.V1.Monitoring.MonitoringClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.IndicatorCatalogue.Tests.Monitoring;

/// <summary>
/// The registry, the catalogue and the disbursement service side by side: an approved project with indicators, a spending
/// plan and payments, as a monitoring round finds it.
/// </summary>
public class MonitoringFixture : IAsyncLifetime
{
    public const string Division = "130636";
    public const string Unit = "434001";
    public const string OtherUnit = "434002";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public PlatformStack Stack { get; private set; } = null!;
    public RegistryClient Registry { get; private set; } = null!;
    public DisbursementClient Disbursement { get; private set; } = null!;
    public MonitoringClient Finance { get; private set; } = null!;

    public MonitoringClient MonitoringFor(string token) => new(Stack.Channel(PlatformStack.Indicators, token));
    public MonitoringClient Department(string unit = Unit) => MonitoringFor(Stack.DepartmentToken(Division, unit));

    /// <summary>Configuration for every service of the stack (environment variables).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Stack = await PlatformStack.StartAsync(Settings, PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement);
        Registry = new RegistryClient(Stack.Channel(PlatformStack.Registry, Stack.FinanceToken()));
        Disbursement = new DisbursementClient(Stack.Channel(PlatformStack.Disbursement, Stack.FinanceToken()));
        Finance = MonitoringFor(Stack.FinanceToken());
        await ReferenceData.SeedAsync(Registry, Division, (Unit, Unit), (OtherUnit, OtherUnit));
    }

    public Task<MonitoringRound> RoundAsync(string asOf = "2021-07-31") =>
        Finance.OpenRoundAsync(new OpenMonitoringRoundRequest { Year = 2021, DivisionCode = Division, AsOf = asOf, Deadline = "2021-08-15" }).ResponseAsync;

    /// <summary>
    /// A project of the unit with the five indicators of <see cref="IndicatorSetTests.SoundSet"/>, a plan (cumulative basis
    /// points at 3月底, 6月底, 10月底, 12月底), submitted and approved, once the catalogue knows it approved; then its payments.
    /// </summary>
    public async Task<string> ApprovedProjectAsync(long budgetFen, int?[] plan, string unit = Unit, bool approve = true,
        params (string Date, long Fen)[] payments)
    {
        var project = await Registry.CreateProjectAsync(new CreateProjectRequest
        {
            DivisionCode = Division, UnitCode = unit,
            Project = new Project
            {
                Code = NewCode(),
                Year = 2021, Name = "2021年防贫保险救助资金", Purpose = "用于防贫保险救助", Goals = { "1.2021年完成支出" },
                Budget = new Budget { TotalFen = budgetFen, FiscalFen = budgetFen },
            },
        });
        await Stack.CatalogueKnowsProjectAsync(project.Code, project.Version);
        var catalogue = new CatalogueClient(Stack.Channel(PlatformStack.Indicators, Stack.FinanceToken()));
        var set = await catalogue.PutIndicatorSetAsync(new PutIndicatorSetRequest { ProjectCode = project.Code, Indicators = { IndicatorSetTests.SoundSet() } });
        await Stack.RegistryKnowsIndicatorSetAsync(project.Code, set.Version);
        var request = new PutSpendingPlanRequest { ProjectCode = project.Code };
        request.Checkpoints.AddRange(new[] { 3, 6, 10, 12 }.Zip(plan, (m, bp) =>
        {
            var c = new Checkpoint { Month = m };
            if (bp is { } value) c.CumulativeBp = value;
            return c;
        }));
        await Eventually.Succeeds(() => Disbursement.PutSpendingPlanAsync(request).ResponseAsync,
            e => e is RpcException { StatusCode: StatusCode.NotFound or StatusCode.FailedPrecondition });
        if (approve)
        {
            var department = new RegistryClient(Stack.Channel(PlatformStack.Registry, Stack.DepartmentToken(Division, unit)));
            await department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = project.Code });
            var approved = await Registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = project.Code });
            await Stack.CatalogueKnowsProjectAsync(project.Code, approved.Version);
        }
        foreach (var (payment, i) in payments.Select((p, i) => (p, i)))
        {
            var record = new RecordDisbursementRequest
            {
                ProjectCode = project.Code, VoucherId = $"PZ-{project.Code[^6..]}-{i}", Date = payment.Date, AmountFen = payment.Fen, FundSource = "fiscal",
            };
            await Eventually.Succeeds(() => Disbursement.RecordDisbursementAsync(record).ResponseAsync,
                e => e is RpcException { StatusCode: StatusCode.FailedPrecondition });
        }
        return project.Code;
    }

    private static string NewCode() => Division + "21" + new string(Random.Shared.GetItems(Alphabet.ToCharArray(), 13));

    /// <summary>
    /// An approved project as the catalogue holds it from the registry's event, a moment before DisbursementTracking has
    /// heard of it (its copy written straight into the catalogue's database: the race made to stand still).
    /// </summary>
    public async Task<string> ProjectOnlyTheCatalogueKnowsAsync(long budgetFen, string unit)
    {
        var code = NewCode();
        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(Stack.Database(PlatformStack.Indicators)));
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO projects (code, division_code, unit_code, year, status, total_fen, purpose, registry_version, name, approved_fen, first_approved_fen) " +
            "VALUES (@code, @division, @unit, 2021, 'approved', @fen, '用于防贫保险救助', 3, '2021年防贫保险救助资金', @fen, @fen)", connection);
        insert.Parameters.AddWithValue("code", code);
        insert.Parameters.AddWithValue("division", Division);
        insert.Parameters.AddWithValue("unit", unit);
        insert.Parameters.AddWithValue("fen", budgetFen);
        await insert.ExecuteNonQueryAsync();
        return code;
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
