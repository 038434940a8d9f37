namespace PerfPlatform.ServiceDefaults.Persistence;

public static class DatabaseClock
{
    /// <summary>
    /// The current UTC time at PostgreSQL's timestamptz precision (microseconds), so that what a call answers equals
    /// what a later read of the stored row answers.
    /// </summary>
    public static DateTimeOffset Now(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
