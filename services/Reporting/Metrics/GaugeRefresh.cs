using Npgsql;

namespace PerfPlatform.Reporting.Metrics;

/// <summary>
/// How the business gauges stay current: each reads its snapshot from the read model every five seconds in the background
/// and a scrape reports the last one read, so that a scrape never waits on the database. A read that fails (the database
/// away) keeps the last snapshot and says why in the log.
/// </summary>
internal static class GaugeRefresh
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(Func<CancellationToken, Task> refresh, ILogger logger, string gauges, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await refresh(stoppingToken); }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("{Gauges} not refreshed: {Error}", gauges, e.Message);
            }
            try { await Task.Delay(Interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
