using Google.Api;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Reporting.Disclosure;
using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.Reporting;

/// <summary>GET /v1/public/divisions/{d}/years/{y}/evaluations.json|csv: accepted self-evaluations, answered to anyone.</summary>
public sealed partial class ReportingService
{
    [AllowAnonymous]
    public override async Task<HttpBody> GetPublicEvaluationsJson(PublicDisclosureRequest request, ServerCallContext context)
    {
        CheckDisclosure(request);
        var (name, rows) = await new PublicEvaluations(dataSource).ReadAsync(request.DivisionCode, request.Year, context.CancellationToken);
        return HttpBodies.Json(PublicEvaluations.Json(request.DivisionCode, name, request.Year, rows));
    }

    [AllowAnonymous]
    public override async Task<HttpBody> GetPublicEvaluationsCsv(PublicDisclosureRequest request, ServerCallContext context)
    {
        CheckDisclosure(request);
        var (_, rows) = await new PublicEvaluations(dataSource).ReadAsync(request.DivisionCode, request.Year, context.CancellationToken);
        return HttpBodies.Csv(PublicEvaluations.Csv(rows));
    }
}
