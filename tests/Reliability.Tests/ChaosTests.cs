using System.Collections.Concurrent;
using Grpc.Core;
using Npgsql;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;
using Xunit.Abstractions;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Reliability.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "chaos";
}

/// <summary>
/// While registrations and payments stream in through the gateway, every service is killed with SIGKILL once and the
/// broker is restarted twice. After recovery every total in Reporting equals its source to the fen, nothing is counted
/// twice, no outbox holds anything and the dead-letter queues are empty. PERF_RELIABILITY=full runs longer.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChaosTests(ITestOutputHelper output)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    [Fact]
    public async Task Nothing_is_lost_or_counted_twice_when_services_and_the_broker_fail_under_load()
    {
        var full = Environment.GetEnvironmentVariable("PERF_RELIABILITY") == "full";
        var step = TimeSpan.FromSeconds(full ? 10 : 3);
        await using var stack = await PlatformStack.StartAsync(new Dictionary<string, string>
        {
            ["RateLimit__PermitsPerSecond"] = "100000", ["RateLimit__Burst"] = "100000",
        }, PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement, PlatformStack.Reporting, PlatformStack.Gateway);
        var token = stack.FinanceToken("chaos");
        var registry = new RegistryClient(stack.Channel(PlatformStack.Gateway, token));
        var disbursement = new DisbursementClient(stack.Channel(PlatformStack.Gateway, token));
        await ReferenceData.SeedAsync(registry, "130636", ("434001", "本级"));
        var registered = new ConcurrentDictionary<string, long>();
        var payees = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var project = await Retry(() => registry.CreateProjectAsync(NewProject(i)));
            payees.Add(project.Code);
            registered[project.Code] = project.Budget.TotalFen;
        }
        foreach (var code in payees)
            await Retry(() => disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = code }));

        var paid = new ConcurrentDictionary<string, long>();
        var attempts = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                Interlocked.Increment(ref attempts);
                if (n % 2 == 0)
                {
                    var request = NewProject(1000 + worker * 100_000 + n);
                    await Retry(() => registry.CreateProjectAsync(request));
                    registered[request.Project.Code] = request.Project.Budget.TotalFen;
                }
                else
                {
                    var payment = new RecordDisbursementRequest
                    {
                        ProjectCode = payees[n % payees.Count], VoucherId = $"CHAOS-{worker}-{n}", Date = "2021-05-01",
                        AmountFen = 1_00 + n, FundSource = "fiscal",
                    };
                    await Retry(() => disbursement.RecordDisbursementAsync(payment));
                    paid.AddOrUpdate(payment.ProjectCode, payment.AmountFen, (_, total) => total + payment.AmountFen);
                }
            }
        })).ToList();

        var faults = new List<string>();
        foreach (var folder in new[] { PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement, PlatformStack.Reporting, PlatformStack.Gateway })
        {
            await Task.Delay(step);
            await stack[folder].StopAsync(kill: true);
            faults.Add($"kill -9 {folder}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await stack[folder].StartAsync();
            if (folder is PlatformStack.Indicators or PlatformStack.Reporting)
            {
                // The whole node goes down and comes back (not only the application inside it).
                await TestEnvironment.RabbitAsync("stop");
                await Task.Delay(TimeSpan.FromSeconds(1));
                await TestEnvironment.RabbitAsync("start");
                faults.Add("RabbitMQ node restarted");
            }
        }
        await Task.Delay(step);
        stop.Cancel();
        await Task.WhenAll(load);
        output.WriteLine($"{attempts} operations under load ({registered.Count} projects, {paid.Values.Sum()} fen paid); faults: {string.Join(", ", faults)}; " +
            $"answers retried: {string.Join(", ", Absorbed.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"))}");

        // Sources: the registry and the disbursement service hold exactly what was acknowledged.
        var finance = stack.Channel(PlatformStack.Gateway, token);
        var listed = await new RegistryClient(finance).ListProjectsAsync(new ListProjectsRequest
        {
            DivisionCode = "130636", UnitCode = "434001", Page = new PageRequest { PageSize = 500 },
        });
        Assert.Equal(registered.Count, listed.Page.TotalSize);
        foreach (var code in payees)
            Assert.Equal(paid.GetValueOrDefault(code), (await disbursement.ListDisbursementsAsync(new ListDisbursementsRequest { ProjectCode = code })).SpentFen);

        // Reporting converges on the sources, to the fen.
        var reporting = new ReportingClient(finance);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        SummaryResponse summary;
        while (true)
        {
            summary = await Retry(() => reporting.GetSummaryAsync(new SummaryRequest { Year = 2021, GroupBy = "unit" }));
            if (summary.Total.ProjectCount == registered.Count && summary.Total.SpentFen == paid.Values.Sum()) break;
            Assert.True(DateTime.UtcNow < deadline, $"Reporting did not converge: {summary.Total}");
            await Task.Delay(250);
        }
        Assert.Equal(registered.Values.Sum(), summary.Total.Budget.TotalFen);

        // Nothing waits in any outbox; the dead-letter queues are empty.
        foreach (var folder in new[] { PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement, PlatformStack.Reporting })
            await WaitUntilEmpty(stack.Database(folder));
        var listing = await TestEnvironment.RabbitAsync("ctl", "list_queues", "-p", stack.VirtualHost, "name", "messages", "--quiet", "--no-table-headers");
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('\t', StringSplitOptions.TrimEntries)).ToList();
        // The listing must have been read (else an empty or changed format would pass the dead-letter check vacuously).
        Assert.All(lines, q => Assert.True(q.Length == 2 && long.TryParse(q[1], out _), $"unreadable queue listing line: {string.Join(" | ", q)}"));
        var queues = lines.ToDictionary(q => q[0], q => long.Parse(q[1]));
        Assert.Superset(ConsumerQueues.ToHashSet(), queues.Keys.ToHashSet());
        var deadLetters = queues.Where(q => (q.Key.EndsWith("_error") || q.Key.EndsWith("_skipped")) && q.Value != 0).ToList();
        Assert.True(deadLetters.Count == 0, "dead-lettered: " + string.Join(", ", deadLetters.Select(q => $"{q.Key} {q.Value}")));

        // INTERNAL and UNKNOWN are never an answer, even while processes die: a fault must show as UNAVAILABLE.
        Assert.True(Unexpected.IsEmpty, $"{Unexpected.Count} INTERNAL/UNKNOWN answers, e.g. {string.Join("; ", Unexpected.Take(5))}");
    }

    // Queues the consumers of this run declare ("{service}-{endpoint}", AddPerfMessaging).
    private static readonly string[] ConsumerQueues =
        ["disbursement-project-consumers", "reporting-project-registered", "reporting-project-changed", "reporting-disbursement-recorded"];

    private static CreateProjectRequest NewProject(int n) => new()
    {
        DivisionCode = "130636", UnitCode = "434001",
        Project = new Project
        {
            Code = "13063621CH" + Base36(n, 11), Year = 2021, Name = $"压力测试项目{n}", Purpose = "测试",
            Budget = new Budget { TotalFen = 1_000_000_00L + n, FiscalFen = 1_000_000_00L + n },
        },
    };

    private static string Base36(long n, int width)
    {
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--) { chars[i] = Alphabet[(int)(n % 36)]; n /= 36; }
        return new string(chars);
    }

    // What the clients met and retried while processes died, by status, printed with the run's figures.
    private readonly ConcurrentDictionary<string, int> Absorbed = new();
    // INTERNAL and UNKNOWN answers are retried too, so that the run completes, and then fail the test.
    private readonly ConcurrentQueue<string> Unexpected = new();

    /// <summary>A client's patience: the same idempotent request again until it is acknowledged (bounded).</summary>
    private async Task<T> Retry<T>(Func<AsyncUnaryCall<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try { return await call().ResponseAsync.WaitAsync(TimeSpan.FromSeconds(15)); }
            catch (Exception e) when (e is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled or StatusCode.DeadlineExceeded or StatusCode.FailedPrecondition or StatusCode.Aborted }
                                       or TimeoutException or HttpRequestException)
            {
                Absorbed.AddOrUpdate(e is RpcException r ? r.StatusCode.ToString() : e.GetType().Name, 1, (_, n) => n + 1);
                if (e is RpcException { StatusCode: StatusCode.Internal or StatusCode.Unknown } bad)
                    Unexpected.Enqueue($"{bad.StatusCode}: {bad.Status.Detail}");
                if (DateTime.UtcNow > deadline) throw;
                await Task.Delay(200);
            }
        }
    }

    private static async Task WaitUntilEmpty(string database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(database));
        await connection.OpenAsync();
        while (true)
        {
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", connection);
            var pending = (long)(await cmd.ExecuteScalarAsync())!;
            if (pending == 0) return;
            Assert.True(DateTime.UtcNow < deadline, $"{pending} events still in the outbox of {database}");
            await Task.Delay(250);
        }
    }
}
