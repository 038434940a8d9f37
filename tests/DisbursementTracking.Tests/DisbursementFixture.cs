using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.DisbursementTracking.Tests;

/// <summary>The registry (the source of projects) and the disbursement service, with a clock tests may move.</summary>
public sealed class DisbursementFixture : IAsyncLifetime
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public PlatformStack Stack { get; private set; } = null!;
    public RegistryClient Registry { get; private set; } = null!;
    public DisbursementClient Disbursement { get; private set; } = null!;

    public DisbursementClient For(string token) => new(Stack.Channel(PlatformStack.Disbursement, token));

    public async Task InitializeAsync()
    {
        Stack = await PlatformStack.StartAsync(new Dictionary<string, string>
        {
            ["Submission__RequireIndicators"] = "false", ["Clock__AllowTestControl"] = "true", ["Clock__FixedUtc"] = "2021-01-15T00:00:00Z",
            // Every sweep of the tests goes over many batches, as a province's does.
            ["Disbursement__SweepBatchSize"] = "2",
        }, PlatformStack.Registry, PlatformStack.Disbursement);
        Registry = new RegistryClient(Stack.Channel(PlatformStack.Registry, Stack.FinanceToken()));
        Disbursement = For(Stack.FinanceToken());
        await ReferenceData.SeedAsync(Registry, "130636", ("434001", "434001"), ("434002", "434002"));
    }

    /// <summary>A project in the registry, once the disbursement service has its copy (from the registry's event).</summary>
    public async Task<string> NewProjectAsync(long fiscalFen, long otherFen = 0, string unit = "434001", params int?[] plan)
    {
        var code = "13063621" + new string(Random.Shared.GetItems(Alphabet.ToCharArray(), 13));
        await Registry.CreateProjectAsync(new CreateProjectRequest
        {
            DivisionCode = "130636", UnitCode = unit,
            Project = new Project
            {
                Code = code, Year = 2021, Name = "支出测试项目", Purpose = "测试", Goals = { "1.完成支出" }, Budget = new Budget { TotalFen = fiscalFen + otherFen, FiscalFen = fiscalFen, OtherFen = otherFen },
            },
        });
        var request = new PutSpendingPlanRequest { ProjectCode = code };
        var values = plan.Length == 4 ? plan : [1000, 3000, 6000, 10000];
        request.Checkpoints.AddRange(new[] { 3, 6, 10, 12 }.Zip(values, (m, v) =>
        {
            var c = new Checkpoint { Month = m };
            if (v is { } bp) c.CumulativeBp = bp;
            return c;
        }));
        await Eventually.Succeeds(() => Disbursement.PutSpendingPlanAsync(request).ResponseAsync,
            e => e is Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.FailedPrecondition });
        return code;
    }

    /// <summary>Waits until the disbursement service's copy of the project holds this registry version (or a newer one).</summary>
    public async Task WaitForRegistryVersionAsync(string projectCode, long version)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestEnvironment.PgConnectionString(Stack.Database(PlatformStack.Disbursement)));
        await connection.OpenAsync();
        await Eventually.Until(async () =>
        {
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT registry_version FROM projects WHERE code = @code", connection);
            cmd.Parameters.AddWithValue("code", projectCode);
            return await cmd.ExecuteScalarAsync() is long held && held >= version;
        }, $"the registry's version {version} of {projectCode} to arrive");
    }

    /// <summary>Waits until the disbursement service has consumed every registry event published to it so far.</summary>
    public Task WaitUntilConsumedAsync() => Consumed.EverythingAsync(Stack, "disbursement");

    public async Task SetClockAsync(string utc)
    {
        using var http = Stack.Http(PlatformStack.Disbursement, Stack.FinanceToken());
        var response = await http.PostAsync($"/testing/clock?utc={utc}", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>All of a year's active warnings the caller may see, worst first, read page by page as a client would.</summary>
    public static Task<List<Warning>> AllWarningsAsync(DisbursementClient client, ListWarningsRequest request, int pageSize = 1000) =>
        Protos.PagedLists.ReadAllAsync(
            token => client.ListWarningsAsync(new ListWarningsRequest(request) { Page = new PageRequest { PageSize = pageSize, PageToken = token } }).ResponseAsync,
            page => page.Warnings, page => page.Page);

    /// <summary>The project's active warning as the finance bureau's list of 2021 shows it, or null.</summary>
    public async Task<Warning?> ListedWarningAsync(string project) =>
        (await AllWarningsAsync(Disbursement, new ListWarningsRequest { Year = 2021 })).SingleOrDefault(w => w.ProjectCode == project);

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
