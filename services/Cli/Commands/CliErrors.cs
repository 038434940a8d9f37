using Grpc.Core;
using PerfPlatform.Importing;

namespace PerfPlatform.Cli.Commands;

public static class CliErrors
{
    /// <summary>Runs a command body and turns expected failures into a message and exit code 1.</summary>
    public static async Task<int> Run(Func<Task<int>> body)
    {
        try { return await body(); }
        catch (RpcException e) { await Console.Error.WriteLineAsync(RpcErrorText.Describe(e)); return 1; }
        catch (CliException e) { await Console.Error.WriteLineAsync(e.Message); return 1; }
    }
}
