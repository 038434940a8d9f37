namespace PerfPlatform.TestSupport;

/// <summary>
/// Waits for what happens asynchronously — an event applied by another service, a read model catching up, a log line
/// flushed — by asking again until the answer is the awaited one. Fails (TimeoutException) saying what was awaited and
/// the last answer seen, so that a test reads as the condition it waits for rather than as a loop.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Asks until <paramref name="done"/> holds over the answer, and returns that answer.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> ask, Func<T, bool> done, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var answer = await ask();
            if (done(answer)) return answer;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {(timeout ?? DefaultTimeout).TotalSeconds:0} s for {what}; last seen: {Shown(answer)}");
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Asks until the condition holds.</summary>
    public static Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        Until(condition, held => held, what, timeout, interval);

    /// <summary>
    /// Calls until the call stops failing with an exception that <paramref name="notYet"/> accepts (a FAILED_PRECONDITION
    /// while a service has not yet learnt of a project, say), and returns its result; after the timeout the last such
    /// exception is thrown as it was. Any other exception is thrown at once.
    /// </summary>
    public static async Task<T> Succeeds<T>(Func<Task<T>> call, Func<Exception, bool> notYet, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (notYet(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(interval ?? DefaultInterval);
            }
        }
    }

    /// <summary>Calls until the call stops failing with an exception that <paramref name="notYet"/> accepts.</summary>
    public static Task Succeeds(Func<Task> call, Func<Exception, bool> notYet, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        Succeeds(async () => { await call(); return true; }, notYet, timeout, interval);

    private static string Shown<T>(T answer)
    {
        var text = answer is System.Collections.IEnumerable items and not string
            ? "[" + string.Join(", ", items.Cast<object?>()) + "]"
            : answer?.ToString() ?? "null";
        return text.Length > 2000 ? text[..2000] + "…" : text;
    }
}
