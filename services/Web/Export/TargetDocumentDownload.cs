using Grpc.Core;
using Grpc.Net.Client;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Web.SignIn;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Web.Export;

/// <summary>
/// A unit's target document (绩效目标表) as a file: the gateway's answer streamed to the browser with the signed-in user's
/// token, so the API decides whether this user may have it. A plain link downloads it; no script is needed.
/// </summary>
public static class TargetDocumentDownload
{
    public const string Path = "/export/target-document";

    public static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string> { ["html"] = "HTML", ["xlsx"] = "Excel" };

    public static string Link(string division, string unit, int year, string format) =>
        $"{Path}/{Uri.EscapeDataString(division)}/{Uri.EscapeDataString(unit)}/{year}/{format}";

    public static WebApplication MapTargetDocumentDownload(this WebApplication app)
    {
        app.MapGet($"{Path}/{{division}}/{{unit}}/{{year:int}}/{{format}}", DownloadAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> DownloadAsync(string division, string unit, int year, string format, HttpContext http, GrpcChannel channel)
    {
        if (!Formats.ContainsKey(format)) return Results.Text("导出格式应为 html 或 xlsx。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        var user = new SessionUser(http.User);
        if (user.IsExpired || user.AccessToken is not { } token) return Results.Redirect($"{SignInSetup.SignInPath}?expired=true");
        try
        {
            var body = await new ReportingClient(channel).GetTargetDocumentAsync(
                new TargetDocumentRequest { DivisionCode = division, UnitCode = unit, Year = year, Format = format },
                new Metadata { { "Authorization", $"Bearer {token}" } }, cancellationToken: http.RequestAborted);
            return Results.File(body.Data.ToByteArray(), body.ContentType, $"{year}年绩效目标表-{division}-{unit}.{format}");
        }
        catch (RpcException e)
        {
            var status = e.StatusCode switch
            {
                StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
                StatusCode.NotFound => StatusCodes.Status404NotFound,
                StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
                StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
                _ => StatusCodes.Status502BadGateway,
            };
            return Results.Text(Gateway.ApiError.From(e).FullText, "text/plain; charset=utf-8", statusCode: status);
        }
    }
}
