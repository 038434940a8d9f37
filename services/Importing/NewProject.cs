using Grpc.Core;

namespace PerfPlatform.Importing;

/// <summary>
/// The catalogue and DisbursementTracking learn of a project just registered from the registry's event (milliseconds, seconds
/// on a busy machine). Until then they answer NOT_FOUND, or FAILED_PRECONDITION to the finance bureau (DisbursementTracking
/// tells it the project is not known yet). For a project this import registered both mean "not yet" and are retried for a
/// while; for a project that existed before, they are the answer.
/// </summary>
public static class NewProject
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static bool NotKnownYet(RpcException e) => e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition;

    public static async Task<T> UntilKnownAsync<T>(Func<Task<T>> call, bool registeredNow, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (registeredNow && NotKnownYet(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(Pause);
            }
        }
    }
}
