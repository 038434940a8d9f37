using Grpc.Core;

namespace PerfPlatform.Importing;

/// <summary>
/// The catalogue and DisbursementTracking learn of a project just registered from the registry's event (milliseconds, seconds
/// on a busy machine). Until then the catalogue answers NOT_FOUND, and DisbursementTracking NOT_FOUND or, to the finance
/// bureau, FAILED_PRECONDITION. For a project this import registered those mean "not yet" and are retried for a while; for a
/// project that existed before, they are the answer.
/// </summary>
public static class NewProject
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>The catalogue's "not known yet" (its FAILED_PRECONDITION means "not editable", an answer).</summary>
    public static bool NotInCatalogueYet(RpcException e) => e.StatusCode == StatusCode.NotFound;

    /// <summary>DisbursementTracking's "not known yet", as it answers a department and the finance bureau.</summary>
    public static bool NotInDisbursementYet(RpcException e) => e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition;

    public static async Task<T> UntilKnownAsync<T>(Func<Task<T>> call, Func<RpcException, bool> notKnownYet, bool registeredNow,
        TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (registeredNow && notKnownYet(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(Pause);
            }
        }
    }
}
