using System.Globalization;
using PerfPlatform.DisbursementTracking.Warnings;

namespace PerfPlatform.DisbursementTracking.Clock;

public static class ClockEndpoint
{
    /// <summary>
    /// POST /testing/clock?utc=… moves the service's clock and sweeps warnings at once. Mapped only when
    /// Clock:AllowTestControl is true (tests, demos), and it needs the finance role like any other call.
    /// </summary>
    public static void MapTestClock(this WebApplication app)
    {
        var clock = app.Services.GetRequiredService<AdjustableClock>();
        if (!clock.AllowsTestControl) return;
        app.MapPost("/testing/clock", async (string utc, WarningSweep sweep, HttpContext http) =>
        {
            if (!http.User.HasClaim("role", "finance")) return Results.Forbid();
            if (!DateTimeOffset.TryParse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now))
                return Results.BadRequest(new { code = 3, message = "utc 应为 ISO 8601 时间，如 2021-07-01T00:00:00Z。" });
            clock.Set(now);
            await sweep.SweepAsync(onlyIfDue: false, http.RequestAborted);
            return Results.Ok(new { now = clock.GetUtcNow() });
        });
    }
}
