using Google.Api;
using Microsoft.AspNetCore.Authorization;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Reporting.Disclosure;
using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.Reporting;

/// <summary>
/// GET /v1/public/divisions/{d}/years/{y}/targets.json|csv and evaluations.json|csv: approved targets and accepted
/// self-evaluations, answered to anyone.
/// </summary>
public sealed partial class ReportingService
{
    [AllowAnonymous]
    public override async Task<HttpBody> GetPublicTargetsJson(PublicDisclosureRequest request, ServerCallContext context)
    {
        var (name, rows) = await PublishedTargets(request, context.CancellationToken);
        return HttpBodies.Json(PublicTargets.Json(request.DivisionCode, name, request.Year, rows));
    }

    [AllowAnonymous]
    public override async Task<HttpBody> GetPublicTargetsCsv(PublicDisclosureRequest request, ServerCallContext context)
    {
        var (_, rows) = await PublishedTargets(request, context.CancellationToken);
        return HttpBodies.Csv(PublicTargets.Csv(rows));
    }

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

    private Task<(string DivisionName, IReadOnlyList<PublicTargetRow> Rows)> PublishedTargets(PublicDisclosureRequest request, CancellationToken ct)
    {
        CheckDisclosure(request);
        return publicTargets.ReadAsync(request.DivisionCode, request.Year, ct);
    }

    private static void CheckDisclosure(PublicDisclosureRequest request) =>
        new Violations()
            .DivisionCode(request.DivisionCode)
            .Year(request.Year)
            .ThrowIfAny();
}
