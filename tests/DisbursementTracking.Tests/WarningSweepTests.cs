using System.Text.RegularExpressions;
using Npgsql;
using PerfPlatform.DisbursementTracking.Warnings;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.DisbursementTracking.Tests;

/// <summary>
/// The daily sweep once a day, whatever restarts and replicas: a restarted service finds its day (or a later one) swept, a
/// replica leaves the day to the one sweeping it, and a day not yet swept, or swept with other thresholds, is swept at start. Its own fixture, since it restarts the
/// service.
/// </summary>
public sealed partial class WarningSweepTests(DisbursementFixture fixture) : IClassFixture<DisbursementFixture>
{
    private ServiceProcess Service => fixture.Stack[PlatformStack.Disbursement];

    [Fact]
    public async Task A_day_is_swept_once_across_restarts_and_by_one_replica_at_a_time()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(fixture.Stack.Database(PlatformStack.Disbursement)));
        await connection.OpenAsync();
        var beforeStart = new DateOnly(2021, 1, 14); // the fixture's clock (15 January) restarts with the service

        // Swept as of 14 January by the clock call: the restarted service finds the day swept and leaves it.
        await fixture.SetClockAsync("2021-01-15T00:00:00Z");
        var swept = await RecordedAsync(connection);
        Assert.Equal(beforeStart, swept.Day);
        await RestartAsync();
        await CountedAsync("current");
        Assert.Equal(swept, await RecordedAsync(connection));
        Assert.Null(Count(await MetricsAsync(), "swept"));

        // Swept as of 9 January, then restarted at 15 January while another replica (here the test) holds the sweep's lock.
        await fixture.SetClockAsync("2021-01-10T00:00:00Z");
        await using (var other = await connection.BeginTransactionAsync())
        {
            await using (var lockIt = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({WarningSweep.LockSql})", connection, other))
                await lockIt.ExecuteNonQueryAsync();
            await RestartAsync();
            await CountedAsync("busy");
            Assert.Equal(new DateOnly(2021, 1, 9), (await RecordedAsync(connection)).Day);
        }

        // Nobody sweeping and the day not swept: the restarted service sweeps it at start.
        await RestartAsync();
        await CountedAsync("swept");
        Assert.Equal(beforeStart, (await RecordedAsync(connection)).Day);

        // A later day already swept (a replica whose clock passed midnight sooner) is not swept back to an earlier one.
        await fixture.SetClockAsync("2021-07-01T00:00:00Z");
        await RestartAsync();
        await CountedAsync("current");
        Assert.Equal(new DateOnly(2021, 6, 30), (await RecordedAsync(connection)).Day);
    }

    [Fact]
    public async Task A_restart_with_changed_thresholds_sweeps_the_day_again()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(fixture.Stack.Database(PlatformStack.Disbursement)));
        await connection.OpenAsync();
        await fixture.SetClockAsync("2021-04-01T00:00:00Z");
        // 15% planned by the end of March and nothing paid: 15 points behind, yellow beyond 10 points and red beyond 20.
        var project = await fixture.NewProjectAsync(100_000_00, plan: [1500, 3000, 6000, 10000]);
        Assert.Equal("yellow", (await fixture.ListedWarningAsync(project))?.Level);
        var swept = await RecordedAsync(connection);

        // Restarted on the same day (the fixture's clock would restart at 15 January).
        var april = new Dictionary<string, string> { ["Clock__FixedUtc"] = "2021-04-01T00:00:00Z" };
        var lowered = new Dictionary<string, string>(april) { ["Disbursement__YellowLagBp"] = "500", ["Disbursement__RedLagBp"] = "1200" };
        try
        {
            // The finance bureau lowers red to 12 points and restarts: the day is swept again with the new thresholds.
            await RestartAsync(lowered);
            await CountedAsync("swept");
            Assert.Equal(("red", 1500), await LevelAndLagAsync(project));
            Assert.Equal(swept.Day, (await RecordedAsync(connection)).Day);
            Assert.Equal("yellow>500bp red>1200bp nothing-paid-red-from-month 6", await ThresholdsAsync(connection));

            // Started again with the same thresholds: the day stands.
            await RestartAsync(lowered);
            await CountedAsync("current");

            // And back to the configured thresholds: swept again, yellow again.
            await RestartAsync(april);
            await CountedAsync("swept");
            Assert.Equal(("yellow", 1500), await LevelAndLagAsync(project));
        }
        finally
        {
            await RestartAsync();
        }
    }

    private async Task<(string, int)> LevelAndLagAsync(string project) =>
        (await fixture.ListedWarningAsync(project)) is { } w ? (w.Level, w.LagBp) : ("", 0);

    private static async Task<string?> ThresholdsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT thresholds FROM warning_sweep", connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private async Task RestartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        await Service.StopAsync();
        await Service.StartAsync(settings);
    }

    private static async Task<(DateOnly Day, DateTime FinishedAt)> RecordedAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT swept_as_of, finished_at FROM warning_sweep", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "warning_sweep has no row");
        return (reader.GetFieldValue<DateOnly>(0), reader.GetDateTime(1));
    }

    private async Task<string> MetricsAsync()
    {
        using var http = fixture.Stack.Http(PlatformStack.Disbursement, null);
        return await http.GetStringAsync("/metrics");
    }

    private Task CountedAsync(string outcome) =>
        Eventually.Until(MetricsAsync, text => Count(text, outcome) >= 1, $"a sweep counted as {outcome}",
            interval: TimeSpan.FromMilliseconds(200));

    private static long? Count(string metrics, string outcome) =>
        SweepCount().Matches(metrics).Where(m => m.Groups["outcome"].Value == outcome)
            .Select(m => (long?)long.Parse(m.Groups["count"].Value)).SingleOrDefault();

    [GeneratedRegex($@"^{WarningSweep.Metric}_total\{{[^}}]*outcome=""(?<outcome>\w+)""[^}}]*\}} (?<count>\d+)", RegexOptions.Multiline)]
    private static partial Regex SweepCount();
}
