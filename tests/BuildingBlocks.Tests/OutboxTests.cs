using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.ServiceDefaults.Messaging;
using PerfPlatform.ServiceDefaults.Persistence;
using PerfPlatform.TestSupport;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.BuildingBlocks.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection
{
    public const string Name = "broker outage";
}

/// <summary>The transactional outbox on the real servers: a broker outage loses nothing and applies nothing twice.</summary>
[Collection(BrokerOutageCollection.Name)]
public sealed class OutboxTests
{
    private const int Projects = 20;

    [Fact]
    public async Task Projects_written_while_the_broker_is_down_arrive_once_in_effect_after_it_returns()
    {
        await using var stack = await PlatformStack.StartAsync(
            new Dictionary<string, string> { ["Submission__RequireIndicators"] = "false" }, PlatformStack.Registry);
        await using var recorder = await EventRecorder.StartAsync(stack.VirtualHost, typeof(ProjectRegistered), typeof(ProjectChanged));
        var registry = new RegistryClient(stack.Channel(PlatformStack.Registry, stack.FinanceToken()));
        await ReferenceData.SeedAsync(registry, "130636", ("434001", "本级"));

        var codes = new List<string>();
        await TestEnvironment.RabbitAsync("ctl", "stop_app");
        try
        {
            for (var i = 0; i < Projects; i++)
            {
                var project = await registry.CreateProjectAsync(new CreateProjectRequest
                {
                    DivisionCode = "130636", UnitCode = "434001",
                    Project = new Project
                    {
                        Year = 2021, Name = $"断网期间登记的项目{i}", Purpose = "测试",
                        Budget = new Budget { TotalFen = 100_00 + i, FiscalFen = 100_00 + i },
                    },
                });
                codes.Add(project.Code);
                if (i % 4 == 0)
                    await registry.UpdateProjectAsync(new UpdateProjectRequest
                    {
                        ProjectCode = project.Code, Project = new Project { Version = 1, Purpose = "断网期间修改" },
                    });
            }
            Assert.True(await UnsentProjectEvents(stack) >= Projects, "events written while the broker is down wait in the outbox");
        }
        finally
        {
            await TestEnvironment.RabbitAsync("ctl", "start_app");
        }

        var expected = codes.Select(c => (c, 1L)).Concat(codes.Where((_, i) => i % 4 == 0).Select(c => (c, 2L))).ToHashSet();
        await recorder.WaitUntilAsync(r => Delivered(r).IsSupersetOf(expected), TimeSpan.FromSeconds(90),
            $"{expected.Count} project events after the broker returned");
        Assert.Equal(expected, Delivered(recorder).Where(d => codes.Contains(d.Code)).ToHashSet());
        await Eventually.Until(() => UnsentProjectEvents(stack), unsent => unsent == 0, "the outbox to be empty (nothing stays in it)",
            interval: TimeSpan.FromMilliseconds(200));

        // Exactly once in effect: every delivery through the consumer-side version gate, then all of them again reversed
        // (a redelivery, reordered). Each project ends at its newest version, nothing is applied twice, and the replay
        // applies nothing at all; an older version that arrives after a newer one is skipped.
        var received = recorder.Received.Select(r => r.Message).ToList();
        var applied = await ApplyThroughVersionGate([received, Enumerable.Reverse(received).ToList()]);
        Assert.Equal(applied[0].Count, applied[0].Distinct().Count());
        Assert.Empty(applied[1]);
        Assert.Equal(codes.ToDictionary(c => c, c => expected.Where(e => e.Item1 == c).Max(e => e.Item2)),
            applied[0].Where(a => codes.Contains(a.Code)).GroupBy(a => a.Code).ToDictionary(g => g.Key, g => g.Max(a => a.Version)));
    }

    private static HashSet<(string Code, long Version)> Delivered(EventRecorder recorder) =>
        recorder.Of<ProjectRegistered>().Select(e => (e.ProjectCode, e.Version))
            .Concat(recorder.Of<ProjectChanged>().Select(e => (e.ProjectCode, e.Version))).ToHashSet();

    private static async Task<long> UnsentProjectEvents(PlatformStack stack)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(stack.Database(PlatformStack.Registry)));
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND message_type LIKE 'PerfPlatform.Contracts.Registry.Project%'", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Applies each pass of deliveries through one gate; answers what each pass applied.</summary>
    private static async Task<List<List<(string Code, long Version)>>> ApplyThroughVersionGate(IEnumerable<IReadOnlyList<object>> passes)
    {
        var database = TestEnvironment.NewName("perft");
        var connectionString = TestEnvironment.PgConnectionString(database);
        try
        {
            await new SqlMigrator(connectionString, NullLogger.Instance).MigrateAsync(typeof(OutboxTests).Assembly, createIfMissing: true);
            var options = new DbContextOptionsBuilder<ScratchDb>().UseNpgsql(connectionString).Options;
            var result = new List<List<(string Code, long Version)>>();
            foreach (var events in passes) result.Add(await ApplyPass(options, events));
            return result;
        }
        finally
        {
            await TestEnvironment.DropDatabaseAsync(database);
        }
    }

    private static async Task<List<(string Code, long Version)>> ApplyPass(DbContextOptions<ScratchDb> options, IEnumerable<object> events)
    {
        var applied = new List<(string Code, long Version)>();
        foreach (var e in events)
        {
            var (code, version) = e switch
            {
                ProjectRegistered r => (r.ProjectCode, r.Version),
                ProjectChanged c => (c.ProjectCode, c.Version),
                _ => throw new InvalidOperationException(e.GetType().Name),
            };
            await using var db = new ScratchDb(options);
            await using var tx = await db.Database.BeginTransactionAsync();
            if (await db.TryAdvanceAsync("project", code, version)) applied.Add((code, version));
            await tx.CommitAsync();
        }
        return applied;
    }

    private sealed class ScratchDb(DbContextOptions<ScratchDb> options) : DbContext(options);
}
