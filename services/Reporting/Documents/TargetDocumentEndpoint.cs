using System.Text;
using Google.Api;
using Google.Protobuf;
using Grpc.Core;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Rendering;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.Reporting;

/// <summary>GET …/target-document?format=text|html|xlsx: the unit's document rendered from the read model.</summary>
public sealed partial class ReportingService
{
    private static readonly string[] Formats = ["text", "html", "xlsx"];

    public override async Task<HttpBody> GetTargetDocument(TargetDocumentRequest request, ServerCallContext context)
    {
        var format = request.Format.Length == 0 ? "text" : request.Format;
        new Violations()
            .When(!Codes.IsDivision(request.DivisionCode), "division_code", "行政区划代码应为 6 位数字。")
            .When(!Codes.IsUnit(request.UnitCode), "unit_code", "单位代码应为 6 位数字。")
            .When(request.Year is < 2000 or > 2099, "year", "预算年度应为 2000 至 2099 之间的年份。")
            .When(!Formats.Contains(format), "format", "格式应为 text、html 或 xlsx。")
            .ThrowIfAny();
        context.Caller().RequireUnit(request.DivisionCode, request.UnitCode);
        var document = await documents.ReadAsync(request.DivisionCode, request.UnitCode, request.Year, context.CancellationToken)
            ?? throw new NotFoundException($"单位 {request.DivisionCode}/{request.UnitCode} 没有 {request.Year} 年度的项目。");
        switch (format)
        {
            case "html":
                return new HttpBody { ContentType = "text/html; charset=utf-8", Data = ByteString.CopyFromUtf8(HtmlRenderer.Render(document)) };
            case "xlsx":
                using (var stream = new MemoryStream())
                {
                    XlsxRenderer.Render(document, stream);
                    return new HttpBody
                    {
                        ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data = ByteString.CopyFrom(stream.ToArray()),
                    };
                }
            default:
                return new HttpBody { ContentType = "text/plain; charset=utf-8", Data = ByteString.CopyFrom(Encoding.UTF8.GetBytes(TextRenderer.Render(document))) };
        }
    }
}
