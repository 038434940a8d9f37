using Google.Rpc;
using Grpc.Core;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

public static class Errors
{
    /// <summary>Awaits a call that must fail with the status code; returns the field paths of its BadRequest violations.</summary>
    public static async Task<(RpcException Error, IReadOnlyList<string> Fields)> Expect(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        var fields = error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
        return (error, fields);
    }
}
