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
            .When(!Codes.IsDivision(request.DivisionCode), "division_code", "行政区划代码应为 6 位数字。")
            .When(!Codes.IsUnit(request.UnitCode), "unit_code", "单位代码应为 6 位数字。")
            .When(request.Year is < 2000 or > 2099, "year", "预算年度应为 2000 至 2099 之间的年份。")
            .When(!HttpBodies.DocumentFormats.Contains(format), "format", HttpBodies.DocumentFormatMessage)
            .ThrowIfAny();
        context.Caller().RequireUnit(request.DivisionCode, request.UnitCode);
        var document = await documents.ReadAsync(request.DivisionCode, request.UnitCode, request.Year, context.CancellationToken)
            ?? throw new NotFoundException($"单位 {request.DivisionCode}/{request.UnitCode} 没有 {request.Year} 年度的项目。");
        return HttpBodies.Document(format, () => TextRenderer.Render(document), () => HtmlRenderer.Render(document),
            stream => XlsxRenderer.Render(document, stream));
    }
}
