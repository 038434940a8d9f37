using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Bench;

/// <summary>P3: the treasury feed's batch ingest through the gateway, against a raw binary COPY of the same rows.</summary>
public sealed partial class BatchBench(PlatformStack stack, BenchOptions options)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public async Task<IReadOnlyList<Figure>> RunAsync()
    {
        var channel = stack.Channel(PlatformStack.Gateway, stack.FinanceToken("bench-batch"));
        var registry = new RegistryClient(channel);
        var disbursement = new DisbursementClient(channel);
        await RegistrationBench.PrepareAsync(registry);
        var projects = new List<string>();
        // Twenty projects for the run through the gateway and twenty for the direct one, so that neither sums the other's rows.
        for (var i = 0; i < 40; i++)
        {
            var code = "13063621B" + new string(Random.Shared.GetItems(Alphabet.ToCharArray(), 12));
            await registry.CreateProjectAsync(new CreateProjectRequest
            {
                DivisionCode = "130636", UnitCode = "434001",
                Project = new Project { Code = code, Year = 2021, Name = "批量支付基准", Budget = new Budget { TotalFen = 1_000_000_000_00, FiscalFen = 1_000_000_000_00 } },
            });
            projects.Add(code);
        }
        await WaitForCopiesAsync(disbursement, projects);

        var rowsPerBatch = options.Quick ? 5_000 : 50_000;
        var batches = options.Quick ? 2 : 4;
        var run = Random.Shared.Next(100000);
        var rows = Enumerable.Range(0, rowsPerBatch * batches).Select(i => new RecordDisbursementRequest
        {
            ProjectCode = projects[i % 20], VoucherId = $"BENCH-{run}-{i:0000000}", Date = "2021-05-01",
            AmountFen = 1_00 + i % 1000, FundSource = "fiscal", Note = "国库集中支付",
        }).ToList();

        // One small batch first, so that the figure is the service's steady state, not its first call's compiling.
        await StreamAsync(disbursement, rows.Take(2_000).Select(r => new RecordDisbursementRequest(r) { VoucherId = r.VoucherId + "W" }).ToList(), 2_000);
        var before = await PhasesAsync();
        var platform = await StreamAsync(disbursement, rows, rowsPerBatch);
        var phases = PerBatch(before, await PhasesAfterAsync(before, batches));
        // The same rows once more, under new vouchers, straight to the service: what the gateway's hop costs.
        var direct = await StreamAsync(new DisbursementClient(stack.Channel(PlatformStack.Disbursement, stack.FinanceToken("bench-batch"))),
            rows.Select((r, i) => new RecordDisbursementRequest(r) { ProjectCode = projects[20 + i % 20], VoucherId = r.VoucherId + "D" }).ToList(),
            rowsPerBatch);
        var copy = await RawCopyAsync(rows);
        return
        [
            new("P3", $"disbursement batch ingest via gateway ({batches} × {rowsPerBatch:N0} rows, gRPC stream)", $"{platform:N0} rows/s",
                "raw binary COPY of the same rows", $"{copy:N0} rows/s", platform / copy, $"aim ≥ 0.5; a batch in the service: {phases}")
            { Number = platform, BaselineNumber = copy, Unit = "rows/s" },
            new("P3", "  (second baseline)", $"{platform:N0} rows/s", "the same stream straight to DisbursementTracking", $"{direct:N0} rows/s",
                platform / direct) { Number = platform, BaselineNumber = direct, Unit = "rows/s" },
        ];
    }

    private static async Task<double> StreamAsync(DisbursementClient client, List<RecordDisbursementRequest> rows, int rowsPerBatch)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var chunk in rows.Chunk(rowsPerBatch))
        {
            using var call = client.StreamBatch();
            // Without the hint the client flushes every row as its own HTTP/2 write: the service then spent 3-6 s of a
            // 50,000-row batch reading the stream; with it, 1-3 s (timed in the service, busy machine).
            call.RequestStream.WriteOptions = new Grpc.Core.WriteOptions(Grpc.Core.WriteFlags.BufferHint);
            foreach (var row in chunk) await call.RequestStream.WriteAsync(row);
            await call.RequestStream.CompleteAsync();
            var result = await call;
            if (!result.Committed) throw new InvalidOperationException($"batch refused: {result.Errors.FirstOrDefault()}");
        }
        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The service's perf_disbursement_batch_phase_seconds: each phase's total seconds and count, from its /metrics.</summary>
    private async Task<Dictionary<string, (double Seconds, double Count)>> PhasesAsync()
    {
        using var http = stack.Http(PlatformStack.Disbursement, null);
        var phases = new Dictionary<string, (double Seconds, double Count)>();
        foreach (Match m in PhaseLine().Matches(await http.GetStringAsync("/metrics")))
        {
            var value = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            var (seconds, count) = phases.GetValueOrDefault(m.Groups["phase"].Value);
            phases[m.Groups["phase"].Value] = m.Groups["part"].Value == "sum" ? (value, count) : (seconds, value);
        }
        return phases;
    }

    /// <summary>
    /// The phases once the service's /metrics counts the run's committed batches: the exporter answers a scrape from a
    /// cache for a moment (300 ms), which a quick run's batches fit in; waited for at most five seconds.
    /// </summary>
    private async Task<Dictionary<string, (double Seconds, double Count)>> PhasesAfterAsync(
        Dictionary<string, (double Seconds, double Count)> before, int batches)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var after = await PhasesAsync();
            if (after.GetValueOrDefault("commit").Count - before.GetValueOrDefault("commit").Count >= batches || DateTime.UtcNow > deadline)
                return after;
            await Task.Delay(100);
        }
    }

    /// <summary>The mean time a batch spent in each phase between two readings, in the order the phases run.</summary>
    private static string PerBatch(Dictionary<string, (double Seconds, double Count)> before, Dictionary<string, (double Seconds, double Count)> after) =>
        string.Join(", ", after.Select(p => (Phase: p.Key, Seconds: p.Value.Seconds - before.GetValueOrDefault(p.Key).Seconds,
                Count: p.Value.Count - before.GetValueOrDefault(p.Key).Count))
            .Where(p => p.Count > 0).OrderBy(p => Array.IndexOf(PhaseOrder, p.Phase))
            .Select(p => $"{p.Phase} {p.Seconds / p.Count * 1000:0} ms"));

    private static readonly string[] PhaseOrder = ["read", "check", "lock", "judge", "copy", "refused", "save", "warnings", "commit"];

    [GeneratedRegex(@"^perf_disbursement_batch_phase_seconds_(?<part>sum|count)\{[^}]*phase=""(?<phase>\w+)""[^}]*\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex PhaseLine();

    private static async Task WaitForCopiesAsync(DisbursementClient disbursement, List<string> projects)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var code in projects)
            while (true)
            {
                try { await disbursement.GetExecutionAsync(new GetExecutionRequest { ProjectCode = code }); break; }
                catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline) { await Task.Delay(100); }
            }
    }

    private static async Task<double> RawCopyAsync(List<RecordDisbursementRequest> rows)
    {
        var database = TestEnvironment.NewName("perfbench");
        await using (var admin = new NpgsqlConnection(TestEnvironment.PgAdminConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
        }
        try
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(database));
            await connection.OpenAsync();
            await new NpgsqlCommand("""
                CREATE TABLE disbursements (id bigserial PRIMARY KEY, division_code text, unit_code text, project_code text, voucher_id text,
                    date date, amount_fen bigint, fund_source text, note text, recorded_at timestamptz, recorded_by text,
                    UNIQUE (division_code, unit_code, voucher_id))
                """, connection).ExecuteNonQueryAsync();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY disbursements (division_code, unit_code, project_code, voucher_id, date, amount_fen, fund_source, note, recorded_at, recorded_by) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var r in rows)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync("130636");
                    await writer.WriteAsync("434001");
                    await writer.WriteAsync(r.ProjectCode);
                    await writer.WriteAsync(r.VoucherId);
                    await writer.WriteAsync(new DateOnly(2021, 5, 1), NpgsqlDbType.Date);
                    await writer.WriteAsync(r.AmountFen, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(r.FundSource);
                    await writer.WriteAsync(r.Note);
                    await writer.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync("bench");
                }
                await writer.CompleteAsync();
            }
            return rows.Count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestEnvironment.DropDatabaseAsync(database);
        }
    }
}
