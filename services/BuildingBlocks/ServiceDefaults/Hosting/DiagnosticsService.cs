using Grpc.Core;
using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.ServiceDefaults.Hosting;

/// <summary>Answers what it is sent, after authentication: the baseline against which real calls are measured.</summary>
public sealed class DiagnosticsService : Diagnostics.DiagnosticsBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Payload = request.Payload });
}
