using System.Globalization;

namespace PerfPlatform.DisbursementTracking.Clock;

/// <summary>
/// The service's clock: the system clock, unless Clock:FixedUtc sets another time. With Clock:AllowTestControl (tests
/// and demos only) it can also be moved while the service runs, so that checkpoints can pass in a test.
/// </summary>
public sealed class AdjustableClock(IConfiguration configuration) : TimeProvider
{
    private DateTimeOffset? _fixed = configuration["Clock:FixedUtc"] is { Length: > 0 } text
        ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
        : null;

    public bool AllowsTestControl { get; } = configuration.GetValue("Clock:AllowTestControl", false);

    public override DateTimeOffset GetUtcNow() => _fixed ?? base.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);

    public void Set(DateTimeOffset now)
    {
        if (!AllowsTestControl) throw new InvalidOperationException("The clock can be set only with Clock:AllowTestControl.");
        _fixed = now;
    }
}
