using Google.Api;
using PerfPlatform.Documents.Rendering;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.Reporting;

/// <summary>GET …/target-document?format=text|html|xlsx: the unit's document rendered from the read model.</summary>
public sealed partial class ReportingService
{
    public override async Task<HttpBody> GetTargetDocument(TargetDocumentRequest request, ServerCallContext context)
    {
        var format = HttpBodies.DocumentFormat(request.Format);
        new Violations()
            .DivisionCode(request.DivisionCode)
            .UnitCode(request.UnitCode)
            .Year(request.Year)
            .When(!HttpBodies.DocumentFormats.Contains(format), "format", HttpBodies.DocumentFormatMessage)
            .ThrowIfAny();
        context.Caller().RequireUnit(request.DivisionCode, request.UnitCode);
        var document = await documents.ReadAsync(request.DivisionCode, request.UnitCode, request.Year, context.CancellationToken)
            ?? throw new NotFoundException($"单位 {request.DivisionCode}/{request.UnitCode} 没有 {request.Year} 年度的项目。");
        return HttpBodies.Document(format, () => TextRenderer.Render(document), () => HtmlRenderer.Render(document),
            stream => XlsxRenderer.Render(document, stream));
    }
}
