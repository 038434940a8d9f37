using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.DisbursementTracking.Plans;

namespace PerfPlatform.DisbursementTracking.Warnings;

/// <summary>
/// Checkpoints pass with time, not only with payments: every project with a plan is evaluated as of the last completed
/// day and its warning raised, changed or cleared. Payments, plans and budgets refresh their own project's warning as
/// they change, so only the passing of a day can change the rest: the sweep runs once each time the last completed day
/// moves on (checked at start and every minute), and at once when a test moves the clock. The day swept, and the thresholds
/// it was swept with, are kept in the database, so that a restart or another replica does not sweep the same day again
/// unless the thresholds changed, and one replica sweeps at a time.
/// </summary>
public sealed class WarningSweep(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, AdjustableClock clock,
    IOptions<DisbursementOptions> options, ILogger<WarningSweep> logger) : BackgroundService
{
    /// <summary>The transaction-level advisory lock the sweeping replica holds until its sweep is recorded.</summary>
    public const string LockSql = "hashtextextended('disbursement:warning-sweep', 0)";
    public const string Metric = "perf_warning_sweeps";

    private static readonly Counter<long> Sweeps = DisbursementMeter.Instance.CreateCounter<long>(Metric, null,
        "Warning sweeps by outcome: swept, current (the day was already swept), busy (another replica was sweeping)");

    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);
    private DateOnly? _sweptFor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_sweptFor != clock.LastCompletedDay)
            {
                try { await SweepAsync(onlyIfDue: true, stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Warning sweep failed: {Error}", e.Message);
                }
            }
            try { await Task.Delay(CheckInterval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// Sweeps as of the last completed day, after any other replica's sweep. With <paramref name="onlyIfDue"/> (the daily
    /// loop) it does nothing when the warnings already stand as of that day or a later one, and leaves the day to a
    /// replica that is sweeping now (the loop looks again in a minute).
    /// </summary>
    public async Task SweepAsync(bool onlyIfDue, CancellationToken ct)
    {
        await using var guard = await dataSource.OpenConnectionAsync(ct);
        await using var held = await guard.BeginTransactionAsync(ct);
        if (!onlyIfDue) await Scalar<object>(guard, $"SELECT pg_advisory_xact_lock({LockSql})", ct);
        else if (!await Scalar<bool>(guard, $"SELECT pg_try_advisory_xact_lock({LockSql})", ct))
        {
            Counted("busy");
            return;
        }
        // The day is read once the lock is held, after any sweep before this one. A day already swept with these thresholds,
        // or a later one (a replica whose clock passed midnight a moment sooner), leaves the warnings as they stand.
        var day = clock.LastCompletedDay;
        var thresholds = WarningPolicy.Thresholds(options.Value);
        if (onlyIfDue && await Scalar<bool>(guard,
                "SELECT EXISTS (SELECT FROM warning_sweep WHERE swept_as_of >= $1 AND thresholds = $2)", ct, day, thresholds))
        {
            _sweptFor = day;
            Counted("current");
            return;
        }

        // A database without plans has nothing to sweep; asked before EF Core's first query, which costs a service that has
        // just started some 25 MiB (README, "P5, what the bus costs").
        var swept = await Scalar<bool>(guard, "SELECT EXISTS (SELECT FROM spending_plans)", ct) ? await SweepBatchesAsync(ct) : 0;
        await Scalar<object>(guard, """
            INSERT INTO warning_sweep (swept_as_of, projects, finished_at, thresholds) VALUES ($1, $2, clock_timestamp(), $3)
            ON CONFLICT (id) DO UPDATE SET swept_as_of = $1, projects = $2, finished_at = clock_timestamp(), thresholds = $3
            """, ct, day, swept, thresholds);
        await held.CommitAsync(ct);
        _sweptFor = day;
        Counted("swept");
        logger.LogInformation("Warnings swept as of {Day} over {Projects} projects ({Thresholds})", day, swept, thresholds);
    }

    /// <summary>
    /// Every project with a plan, <see cref="DisbursementOptions.SweepBatchSize"/> at a time in code order, each batch
    /// locked, refreshed and committed together (a batch of payments locks its projects in the same order).
    /// </summary>
    private async Task<int> SweepBatchesAsync(CancellationToken ct)
    {
        var (after, swept) = ("", 0);
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DisbursementDb>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var projects = await db.Projects.FromSqlInterpolated($"""
                SELECT p.* FROM projects p JOIN spending_plans s ON s.project_code = p.code
                WHERE p.code > {after} ORDER BY p.code LIMIT {options.Value.SweepBatchSize} FOR UPDATE OF p
                """).ToListAsync(ct);
            if (projects.Count == 0) return swept;
            await scope.ServiceProvider.GetRequiredService<WarningUpdater>().RefreshAsync(projects, ct);
            await tx.CommitAsync(ct);
            (after, swept) = (projects[^1].Code, swept + projects.Count);
        }
    }

    private static void Counted(string outcome) => Sweeps.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        // No timeout: the test clock's sweep waits for a sweep in progress, which takes minutes at a province.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var parameter in values) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteScalarAsync(ct) is T value ? value : default!;
    }
}
