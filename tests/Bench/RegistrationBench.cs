using System.Diagnostics;
using PerfPlatform.ServiceDefaults.Messaging;
using Npgsql;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Bench;

/// <summary>P1 registrations through the gateway, against raw PostgreSQL transactions and a gRPC echo; P2 event lag.</summary>
public sealed class RegistrationBench(PlatformStack stack, BenchOptions options, IReadOnlyList<string> folders)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private readonly string _run = new(Random.Shared.GetItems(Alphabet.ToCharArray(), 4));

    private long _warmups;

    /// <summary>How long P1 waits for the consumers to finish its events before it counts their CPU and the sustained rate.</summary>
    private const int CatchUpLimitSeconds = 60;

    // Measured registrations are numbered from 0 (a leading '0'); warm-up ones get codes of their own (a leading 'W'),
    // so that P2 samples only its own measured events and no warm-up code collides with another.
    private string Code(long n) => n >= LoadRunner.WarmupSequence ? Encode(Interlocked.Increment(ref _warmups), 'W') : Encode(n, '0');

    private string Encode(long n, char lead)
    {
        var chars = new char[9];
        chars[0] = lead;
        for (var i = 8; i >= 1; i--) { chars[i] = Alphabet[(int)(n % 36)]; n /= 36; }
        return "13063621" + _run + new string(chars);
    }

    /// <summary>The unit every figure files under (creating it again is a no-op, so each figure may run alone).</summary>
    public static async Task PrepareAsync(RegistryClient registry)
    {
        await ReferenceData.SeedAsync(registry, "130636", ("434001", "本级"));
    }

    private static Project NewProject(string code) => new()
    {
        Code = code, Year = 2021, Name = "基准测试项目", Purpose = "测量登记吞吐量", Goals = { "1.2021年完成支出" },
        Budget = new Budget { TotalFen = 19_500_000, FiscalFen = 19_500_000 },
    };

    public async Task<IReadOnlyList<Figure>> RunAsync()
    {
        var gateway = stack.Channel(PlatformStack.Gateway, stack.FinanceToken("bench"));
        var registry = new RegistryClient(gateway);
        await PrepareAsync(registry);
        var echo = new Diagnostics.DiagnosticsClient(gateway);

        var cpu = new ProcessCpu(stack, folders);
        var offset = 0L;
        Dictionary<string, double> before = [];
        var register = await LoadRunner.RunAsync(options.Concurrency, options.Duration, (_, n) =>
            registry.CreateProjectAsync(new CreateProjectRequest { DivisionCode = "130636", UnitCode = "434001", Project = NewProject(Code(n)) }).ResponseAsync,
            measuring: async () => before = await cpu.SettledSnapshotAsync());
        // The consumers finish the run's events after the last call returns; their work belongs to the run, and the time
        // they take gives the rate the whole platform sustains (the front alone may take registrations faster).
        var catchUp = Stopwatch.StartNew();
        var registrationCpu = ProcessCpu.PerOperation(before, await cpu.SettledSnapshotAsync(CatchUpLimitSeconds), register.Operations);
        catchUp.Stop();
        var sustained = register.Operations / (register.Elapsed + catchUp.Elapsed).TotalSeconds;
        offset += register.Operations + register.Failures + options.Concurrency;
        var raw = await RawInsertsAsync(async () => before = await cpu.SettledSnapshotAsync());
        var rawCpu = ProcessCpu.PerOperation(before, await cpu.SettledSnapshotAsync(), raw.Operations)
            .Where(c => c.Key is ProcessCpu.PostgreSql or ProcessCpu.Clients).ToDictionary();
        var echoed = await LoadRunner.RunAsync(options.Concurrency, options.Duration, (_, n) =>
            echo.EchoAsync(new EchoRequest { Payload = "顺平县" }).ResponseAsync);

        // P2: at half the rate P1 sustained, how long from the registry's commit until Reporting has applied the event. At
        // half the front's rate the consumers could fall ever further behind, and the lag would measure only the run's length.
        var rate = Math.Max(1, sustained / 2);
        var lagRun = await LoadRunner.RunAsync(options.Concurrency, options.Duration, (_, n) =>
            registry.CreateProjectAsync(new CreateProjectRequest { DivisionCode = "130636", UnitCode = "434001", Project = NewProject(Code(offset + n)) }).ResponseAsync,
            rate);
        var (lags, missing) = await EventLagsAsync(offset, lagRun.Operations);
        var broker = await BrokerRoundTripAsync(rate);

        return
        [
            new("P1", $"project registrations via gateway, concurrency {options.Concurrency}", Format.Rate(register),
                "raw PostgreSQL transactions (same rows)", Format.Rate(raw), register.PerSecond / raw.PerSecond, "aim ≥ 0.3 (0.5 beyond)")
            {
                Number = register.PerSecond, BaselineNumber = raw.PerSecond, Unit = "/s",
                P50Ms = register.Percentile(50), P95Ms = register.Percentile(95), P99Ms = register.Percentile(99),
            },
            new("P1", "  CPU ms per registration, by process", ProcessCpu.Describe(registrationCpu),
                "raw PostgreSQL transaction", ProcessCpu.Describe(rawCpu), rawCpu.Values.Sum() / registrationCpu.Values.Sum(),
                $"aim: total halved; the consumers were {(catchUp.Elapsed.TotalSeconds < CatchUpLimitSeconds ? "" : "still busy, not ")}done " +
                $"{catchUp.Elapsed.TotalSeconds:0.0} s after the last call: {sustained:0} /s sustained")
            {
                Number = registrationCpu.Values.Sum(), BaselineNumber = rawCpu.Values.Sum(), Unit = "CPU ms/op", CpuMsPerOp = registrationCpu,
            },
            new("P1", "  (second baseline)", Format.Rate(register), "bare gRPC echo via gateway", Format.Rate(echoed),
                register.PerSecond / echoed.PerSecond) { Number = register.PerSecond, BaselineNumber = echoed.PerSecond, Unit = "/s" },
            new("P2", $"event lag registry → Reporting at {rate:0}/s (half P1's sustained rate)",
                $"p50 {Percentile(lags, 50):0.0} ms, p99 {Percentile(lags, 99):0.0} ms ({lags.Length} events" +
                (missing > 0 ? $"; {missing} of {lags.Length + missing} NOT received within {EventWait.TotalSeconds:0} s)" : ")"),
                "RabbitMQ publish → consume at the same rate", $"p50 {Percentile(broker, 50):0.0} ms, p99 {Percentile(broker, 99):0.0} ms",
                // Higher is better, as every ratio: the broker's own lag over the platform's.
                Percentile(broker, 50) / Percentile(lags, 50))
            {
                Number = Percentile(lags, 99), BaselineNumber = Percentile(broker, 99), Unit = "ms (p99)",
                P50Ms = Percentile(lags, 50), P95Ms = Percentile(lags, 95), P99Ms = Percentile(lags, 99), BaselineP95Ms = Percentile(broker, 95),
            },
        ];
    }

    /// <summary>The rows a registration writes (project, audit, outbox), inserted by plain transactions into a scratch database.</summary>
    private async Task<LoadResult> RawInsertsAsync(Func<Task> measuring)
    {
        var database = TestEnvironment.NewName("perfbench");
        var connectionString = TestEnvironment.PgConnectionString(database);
        await TestEnvironment.CreateDatabaseAsync(database);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await dataSource.CreateCommand("""
                CREATE TABLE projects (code text PRIMARY KEY, division_code text, department_code text, unit_code text, year int, name text,
                    purpose text, goals text[], total_fen bigint, fiscal_fen bigint, other_fen bigint, status text,
                    revision int, version bigint, review_comment text, created_at timestamptz, created_by text, updated_at timestamptz, updated_by text);
                CREATE TABLE audit_entries (id bigserial PRIMARY KEY, entity_type text, entity_key text, action text, actor text, at timestamptz, before jsonb, after jsonb);
                CREATE TABLE outbox_messages (sequence bigserial PRIMARY KEY, id uuid UNIQUE, message_type text, payload jsonb, occurred_at timestamptz, sent_at timestamptz, attempts int, last_error text);
                """).ExecuteNonQueryAsync();
            var payload = """{"projectCode":"x","version":1,"project":{"name":"基准测试项目","totalFen":19500000}}""";
            return await LoadRunner.RunAsync(options.Concurrency, options.Duration, async (_, n) =>
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var tx = await connection.BeginTransactionAsync();
                await using var batch = new NpgsqlBatch(connection, tx)
                {
                    BatchCommands =
                    {
                        new("INSERT INTO projects VALUES ($1,'130636','434','434001',2021,'基准测试项目','测量',ARRAY['1.2021年完成支出'],19500000,19500000,0,'draft',1,1,'',now(),'bench',now(),'bench')")
                            { Parameters = { new() { Value = Code(n) } } },
                        new("INSERT INTO audit_entries (entity_type, entity_key, action, actor, at, after) VALUES ('project',$1,'create','bench',now(),$2::jsonb)")
                            { Parameters = { new() { Value = Code(n) }, new() { Value = payload } } },
                        new("INSERT INTO outbox_messages (id, message_type, payload, occurred_at, attempts) VALUES (gen_random_uuid(),'ProjectRegistered',$1::jsonb,now(),0)")
                            { Parameters = { new() { Value = payload } } },
                    },
                };
                await batch.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }, measuring: measuring);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestEnvironment.DropDatabaseAsync(database);
        }
    }

    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Per measured registration: Reporting's receipt of the event (event_log.received_at, PostgreSQL's now() in the
    /// consuming transaction) minus the registry's staging of it (outbox occurred_at, the registry process's clock just
    /// before its commit). Two clocks of one host: meaningful only with everything on one machine, as the bench runs.
    /// Returns the lags and how many of the expected events did not arrive within the wait.
    /// </summary>
    private async Task<(double[] Lags, int Missing)> EventLagsAsync(long fromSequence, int expected)
    {
        var registryDb = TestEnvironment.PgConnectionString(stack.Database(PlatformStack.Registry));
        var reportingDb = TestEnvironment.PgConnectionString(stack.Database(PlatformStack.Reporting));
        var committed = new Dictionary<string, DateTime>();
        await using (var connection = new NpgsqlConnection(registryDb))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT payload->>'projectCode', occurred_at FROM outbox_messages WHERE message_type LIKE '%ProjectRegistered%'", connection);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) committed[reader.GetString(0)] = reader.GetDateTime(1);
        }
        var wanted = committed.Keys.Where(c => c.Length == 21 && c[12] == '0' && Decode(c) >= fromSequence).ToHashSet();
        var received = new Dictionary<string, DateTime>();
        var deadline = DateTime.UtcNow + EventWait;
        while (received.Count < wanted.Count && DateTime.UtcNow < deadline)
        {
            await using var connection = new NpgsqlConnection(reportingDb);
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT payload->>'projectCode', received_at FROM event_log WHERE message_type LIKE '%ProjectRegistered%'", connection);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) received[reader.GetString(0)] = reader.GetDateTime(1);
            received = received.Where(r => wanted.Contains(r.Key)).ToDictionary();
            if (received.Count < wanted.Count) await Task.Delay(200);
        }
        // Registrations that succeeded but left no outbox row count as missing too.
        return (received.Select(r => (r.Value - committed[r.Key]).TotalMilliseconds).ToArray(),
            Math.Max(expected, wanted.Count) - received.Count);
    }

    private long Decode(string code) => code[12..].Aggregate(0L, (n, c) => n * 36 + Alphabet.IndexOf(c));

    /// <summary>The floor the broker sets: a message published and consumed through RabbitMQ, timed end to end.</summary>
    private async Task<double[]> BrokerRoundTripAsync(double rate)
    {
        var lags = new System.Collections.Concurrent.ConcurrentBag<double>();
        // The platform's own bus both ways, so that the floor is what a service's events could reach.
        var probe = new EventEndpoint(TestEnvironment.NewName("benchprobe"), [typeof(BenchProbe)], (events, _) =>
        {
            // Only measured probes: the warm-up's are not part of the figure, nor of the count waited for.
            foreach (var message in events.Select(e => (BenchProbe)e.Message))
                if (message.Sequence < LoadRunner.WarmupSequence)
                    lags.Add((DateTime.UtcNow - new DateTime(message.SentTicks, DateTimeKind.Utc)).TotalMilliseconds);
            return Task.CompletedTask;
        }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await using var bus = await TestBus.ConnectAsync(stack.VirtualHost, [probe]);
        var sent = await LoadRunner.RunAsync(options.Concurrency, options.Duration, (_, n) =>
        {
            var message = new BenchProbe(n, DateTime.UtcNow.Ticks);
            return bus.PublishAsync(typeof(BenchProbe), Guid.NewGuid(),
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message, OutboxMessage.Json), CancellationToken.None);
        }, rate);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (lags.Count < sent.Operations && DateTime.UtcNow < deadline) await Task.Delay(100);
        return lags.ToArray();
    }

    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

public sealed record BenchProbe(long Sequence, long SentTicks);
