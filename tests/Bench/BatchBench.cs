using System.Globalization;
using System.Text.RegularExpressions;
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
        var perRun = options.P3Projects;
        // Projects of its own for each run (chunks through the gateway, chunks straight to the service, a message per row
        // through the gateway, the warm-up), so that no run sums another's rows: --p3-projects each, 20 unless given.
        for (var i = 0; i < 4 * perRun; i++)
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
            ProjectCode = projects[i % perRun], VoucherId = $"BENCH-{run}-{i:0000000}", Date = "2021-05-01",
            AmountFen = 1_00 + i % 1000, FundSource = "fiscal", Note = "国库集中支付",
        }).ToList();
        List<RecordDisbursementRequest> Again(int projectsFrom, string voucherSuffix, int count = int.MaxValue) =>
            rows.Take(count).Select((r, i) => new RecordDisbursementRequest(r) { ProjectCode = projects[projectsFrom + i % perRun], VoucherId = r.VoucherId + voucherSuffix }).ToList();

        // A whole batch each way first, to projects of their own, so that the figures are the service's steady state: after
        // one batch of 2,000 rows the first measured batch still spent twice as long in every phase (code not yet re-jitted).
        var warmUp = (Chunks: Again(3 * perRun, "W", rowsPerBatch), Stream: Again(3 * perRun, "V", rowsPerBatch));
        await ChunksAsync(disbursement, warmUp.Chunks, rowsPerBatch);
        await StreamAsync(disbursement, warmUp.Stream, rowsPerBatch);
        // Each batch through the gateway is paired with a raw COPY of the same rows, taken just before or after it in turn
        // (ABBA), so that the machine's load, which moved the raw COPY alone between 86,000 and 320,000 rows/s from one
        // run to the next, weighs on both sides of the ratio alike. The raw table first takes the warm-up's rows too: a
        // COPY into a table of 100,000 rows costs more than into an empty one, and the service's table holds them.
        double copySeconds = 0;
        await using var raw = await RawCopy.CreateAsync();
        await raw.CopyAsync(warmUp.Chunks);
        await raw.CopyAsync(warmUp.Stream);
        var (platform, phases) = await TimedAsync(async () =>
        {
            double seconds = 0;
            foreach (var (batch, i) in rows.Chunk(rowsPerBatch).Select((b, i) => (b.ToList(), i)))
            {
                if (i % 2 == 1) copySeconds += await raw.CopyAsync(batch);
                seconds += batch.Count / await ChunksAsync(disbursement, batch, rowsPerBatch);
                if (i % 2 == 0) copySeconds += await raw.CopyAsync(batch);
            }
            return rows.Count / seconds;
        }, batches);
        var copy = rows.Count / copySeconds;
        // The same rows once more, under new vouchers, straight to the service: what the gateway's hop costs.
        var (direct, directPhases) = await TimedAsync(() => ChunksAsync(
            new DisbursementClient(stack.Channel(PlatformStack.Disbursement, stack.FinanceToken("bench-batch"))), Again(perRun, "D"), rowsPerBatch), batches);
        var (perRow, perRowPhases) = await TimedAsync(() => StreamAsync(disbursement, Again(2 * perRun, "R"), rowsPerBatch), batches);
        return
        [
            new("P3", $"disbursement batch ingest via gateway ({batches} × {rowsPerBatch:N0} rows over {perRun:N0} projects, gRPC stream of {RowsPerChunk:N0}-row chunks)",
                $"{platform:N0} rows/s", "raw binary COPY of the same rows, batch by batch in turn", $"{copy:N0} rows/s", platform / copy, $"aim ≥ 0.5; a batch in the service: {phases}")
            { Number = platform, BaselineNumber = copy, Unit = "rows/s" },
            new("P3", "  (second baseline)", $"{platform:N0} rows/s", "the same stream straight to DisbursementTracking", $"{direct:N0} rows/s",
                platform / direct, $"a batch in the service: {directPhases}") { Number = platform, BaselineNumber = direct, Unit = "rows/s" },
            new("P3", "  the same rows as one message per row (StreamBatch), via gateway", $"{perRow:N0} rows/s", "raw binary COPY of the same rows",
                $"{copy:N0} rows/s", perRow / copy, $"a batch in the service: {perRowPhases}") { Number = perRow, BaselineNumber = copy, Unit = "rows/s" },
        ];
    }

    /// <summary>Rows per message of <see cref="ChunksAsync"/>: about 150 KB, well inside a gRPC message's 4 MB.</summary>
    private const int RowsPerChunk = 2_000;

    /// <summary>Each batch as a stream of chunks of <see cref="RowsPerChunk"/> rows (StreamBatchChunks).</summary>
    private static async Task<double> ChunksAsync(DisbursementClient client, List<RecordDisbursementRequest> rows, int rowsPerBatch)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in rows.Chunk(rowsPerBatch))
        {
            using var call = client.StreamBatchChunks();
            foreach (var chunk in batch.Chunk(RowsPerChunk)) await call.RequestStream.WriteAsync(new RecordBatchRequest { Rows = { chunk } });
            await call.RequestStream.CompleteAsync();
            var result = await call;
            if (!result.Committed) throw new InvalidOperationException($"batch refused: {result.Errors.FirstOrDefault()}");
        }
        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Each batch as a stream of one message per row (StreamBatch).</summary>
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

    /// <summary>A run's rows per second, and the mean time each of its batches spent in each phase in the service.</summary>
    private async Task<(double RowsPerSecond, string Phases)> TimedAsync(Func<Task<double>> run, int batches)
    {
        var before = await PhasesAsync();
        var rate = await run();
        return (rate, PerBatch(before, await PhasesAfterAsync(before, batches)));
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
}
