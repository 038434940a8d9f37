using Microsoft.Extensions.Options;
using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.DisbursementTracking.Plans;

namespace PerfPlatform.DisbursementTracking.Warnings;

/// <summary>
/// Checkpoints pass with time, not only with payments: every project with a plan is evaluated as of the last completed
/// day and its warning raised, changed or cleared. Payments, plans and budgets refresh their own project's warning as
/// they change, so only the passing of a day can change the rest: the sweep runs at start and then once each time the
/// last completed day moves on (checked every minute), and at once when a test moves the clock.
/// </summary>
public sealed class WarningSweep(IServiceScopeFactory scopes, AdjustableClock clock, IOptions<DisbursementOptions> options,
    ILogger<WarningSweep> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);
    private DateOnly? _sweptFor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_sweptFor != clock.LastCompletedDay)
            {
                try { await SweepAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Warning sweep failed: {Error}", e.Message);
                }
            }
            try { await Task.Delay(CheckInterval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// Every project with a plan, <see cref="DisbursementOptions.SweepBatchSize"/> at a time in code order, each batch
    /// locked, refreshed and committed together (a batch of payments locks its projects in the same order).
    /// </summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var day = clock.LastCompletedDay;
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
            if (projects.Count == 0) break;
            await scope.ServiceProvider.GetRequiredService<WarningUpdater>().RefreshAsync(projects, ct);
            await tx.CommitAsync(ct);
            (after, swept) = (projects[^1].Code, swept + projects.Count);
        }
        _sweptFor = day;
        logger.LogInformation("Warnings swept as of {Day} over {Projects} projects", day, swept);
    }
}
