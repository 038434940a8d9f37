using Microsoft.EntityFrameworkCore;
using PerfPlatform.DisbursementTracking.Persistence;

namespace PerfPlatform.DisbursementTracking.Warnings;

/// <summary>
/// Checkpoints pass with time, not only with payments: once a minute (and at once when a test moves the clock) every
/// project with a plan is evaluated as of the last completed day and its warning raised, changed or cleared.
/// </summary>
public sealed class WarningSweep(IServiceScopeFactory scopes, ILogger<WarningSweep> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void WakeUp()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await SweepAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Warning sweep failed: {Error}", e.Message);
            }
            try { await _wake.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    public async Task SweepAsync(CancellationToken ct)
    {
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
    }
}
