using Grpc.Core;
using PerfPlatform.Importing;
using Xunit;

namespace PerfPlatform.Documents.Tests;

/// <summary>
/// The importer's patience with a project it has just registered: the catalogue and DisbursementTracking answer "not known
/// yet" as NOT_FOUND or (to the finance bureau) FAILED_PRECONDITION until the registry's event arrives.
/// </summary>
public sealed class NewProjectRetryTests
{
    private static Func<Task<string>> FailingTimes(int times, StatusCode code, Action counted) => () =>
    {
        counted();
        return times-- > 0 ? throw new RpcException(new Status(code, "not yet")) : Task.FromResult("stored");
    };

    [Theory]
    [InlineData(StatusCode.NotFound)]
    [InlineData(StatusCode.FailedPrecondition)]
    public async Task A_project_registered_now_is_asked_again_until_the_service_knows_it(StatusCode code)
    {
        var calls = 0;
        Assert.Equal("stored", await NewProject.UntilKnownAsync(FailingTimes(2, code, () => calls++), registeredNow: true));
        Assert.Equal(3, calls);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, true)]
    [InlineData(StatusCode.FailedPrecondition, true)]
    [InlineData(StatusCode.NotFound, false)]
    [InlineData(StatusCode.FailedPrecondition, false)]
    [InlineData(StatusCode.InvalidArgument, true)]
    public async Task Otherwise_the_first_answer_stands_and_patience_ends(StatusCode code, bool registeredNow)
    {
        var calls = 0;
        var patience = registeredNow ? TimeSpan.FromMilliseconds(500) : NewProject.Patience;
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            NewProject.UntilKnownAsync(FailingTimes(int.MaxValue, code, () => calls++), registeredNow, patience));
        Assert.Equal(code, refused.StatusCode);
        if (registeredNow && code != StatusCode.InvalidArgument) Assert.InRange(calls, 2, 10);
        else Assert.Equal(1, calls);
    }
}
