using PerfPlatform.DisbursementTracking.Clock;

namespace PerfPlatform.DisbursementTracking.Warnings;

/// <summary>
/// Checkpoints pass with time, not only with payments: every project with a plan is evaluated as of the last completed
/// day and its warning raised, changed or cleared. Payments, plans and budgets refresh their own project's warning as
/// they change, so only the passing of a day can change the rest: the sweep runs at start and then once each time the
/// last completed day moves on (checked every minute), and at once when a test moves the clock.
/// </summary>
public sealed class WarningSweep(IServiceScopeFactory scopes, AdjustableClock clock, ILogger<WarningSweep> logger) : BackgroundService
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

    public async Task SweepAsync(CancellationToken ct)
    {
        var day = clock.LastCompletedDay;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DisbursementDb>();
        var updater = scope.ServiceProvider.GetRequiredService<WarningUpdater>();
        var codes = await db.Plans.AsNoTracking().Select(p => p.ProjectCode).ToListAsync(ct);
        foreach (var code in codes)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var project = await db.Projects.FromSqlInterpolated($"SELECT * FROM projects WHERE code = {code} FOR UPDATE").SingleAsync(ct);
            await updater.RefreshAsync(project, ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        _sweptFor = day;
        logger.LogInformation("Warnings swept as of {Day} over {Projects} projects", day, codes.Count);
    }
}
