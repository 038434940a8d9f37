using System.Globalization;
using Microsoft.Extensions.Options;
using PerfPlatform.DisbursementTracking.Plans;

namespace PerfPlatform.DisbursementTracking.Clock;

/// <summary>
/// The service's clock: the system clock, unless Clock:FixedUtc sets another time. With Clock:AllowTestControl (tests
/// and demos only) it can also be moved while the service runs, so that checkpoints can pass in a test. Days are the
/// calendar days of the configured time zone (Disbursement:TimeZone, Asia/Shanghai by default), not UTC's.
/// </summary>
public sealed class AdjustableClock(IConfiguration configuration, IOptions<DisbursementOptions> options) : TimeProvider
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    private DateTimeOffset? _fixed = configuration["Clock:FixedUtc"] is { Length: > 0 } text
        ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
        : null;

    public bool AllowsTestControl { get; } = configuration.GetValue("Clock:AllowTestControl", false);

    public override DateTimeOffset GetUtcNow() => _fixed ?? base.GetUtcNow();

    /// <summary>Today in the service's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(GetUtcNow(), _zone).DateTime);

    /// <summary>
    /// The last day that has ended in the service's time zone. Warnings are evaluated as of it: on a checkpoint's own
    /// day (30 June for 6月底) the department can still pay, so the checkpoint counts as passed only from the next day.
    /// </summary>
    public DateOnly LastCompletedDay => Today.AddDays(-1);

    public void Set(DateTimeOffset now)
    {
        if (!AllowsTestControl) throw new InvalidOperationException("The clock can be set only with Clock:AllowTestControl.");
        _fixed = now;
    }
}
