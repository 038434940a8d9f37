using Grpc.Core;
using PerfPlatform.Importing;
using Xunit;

namespace PerfPlatform.Documents.Tests;

/// <summary>
/// The importer's patience with a project it has just registered: the catalogue answers "not known yet" as NOT_FOUND,
/// DisbursementTracking as NOT_FOUND or (to the finance bureau) FAILED_PRECONDITION, until the registry's event arrives.
/// </summary>
public sealed class NewProjectRetryTests
{
    private static Func<Task<string>> FailingTimes(int times, StatusCode code, Action counted) => () =>
    {
        counted();
        return times-- > 0 ? throw new RpcException(new Status(code, "not yet")) : Task.FromResult("stored");
    };

    private static Func<RpcException, bool> Service(string name) =>
        name == "catalogue" ? NewProject.NotInCatalogueYet : NewProject.NotInDisbursementYet;

    [Theory]
    [InlineData("catalogue", StatusCode.NotFound)]
    [InlineData("disbursement", StatusCode.NotFound)]
    [InlineData("disbursement", StatusCode.FailedPrecondition)]
    public async Task A_project_registered_now_is_asked_again_until_the_service_knows_it(string service, StatusCode code)
    {
        var calls = 0;
        Assert.Equal("stored", await NewProject.UntilKnownAsync(FailingTimes(2, code, () => calls++), Service(service), registeredNow: true));
        Assert.Equal(3, calls);
    }

    [Theory]
    [InlineData("catalogue", StatusCode.NotFound, false)]
    [InlineData("disbursement", StatusCode.FailedPrecondition, false)]
    [InlineData("catalogue", StatusCode.FailedPrecondition, true)]
    [InlineData("disbursement", StatusCode.InvalidArgument, true)]
    public async Task Otherwise_the_first_answer_stands(string service, StatusCode code, bool registeredNow)
    {
        var calls = 0;
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            NewProject.UntilKnownAsync(FailingTimes(int.MaxValue, code, () => calls++), Service(service), registeredNow));
        Assert.Equal((code, 1), (refused.StatusCode, calls));
    }

    [Fact]
    public async Task Patience_ends_with_the_last_answer()
    {
        var calls = 0;
        var refused = await Assert.ThrowsAsync<RpcException>(() => NewProject.UntilKnownAsync(
            FailingTimes(int.MaxValue, StatusCode.NotFound, () => calls++), NewProject.NotInCatalogueYet, registeredNow: true,
            TimeSpan.FromMilliseconds(500)));
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.True(calls >= 2, $"asked {calls} times in 500 ms");
    }
}
