using Google.Api;
using Google.Protobuf;

namespace PerfPlatform.ServiceDefaults.Hosting;

/// <summary>
/// What a route answers as it is rather than as JSON (google.api.HttpBody): documents and published files. The one place
/// their content types are named.
/// </summary>
public static class HttpBodies
{
    /// <summary>The formats a document is rendered in; text when none is asked.</summary>
    public static readonly string[] DocumentFormats = ["text", "html", "xlsx"];

    public const string DocumentFormatMessage = "格式应为 text、html 或 xlsx。";

    public static string DocumentFormat(string asked) => asked.Length == 0 ? "text" : asked;

    public static HttpBody Text(string text) => Body("text/plain; charset=utf-8", ByteString.CopyFromUtf8(text));

    public static HttpBody Html(string html) => Body("text/html; charset=utf-8", ByteString.CopyFromUtf8(html));

    public static HttpBody Json(string json) => Body("application/json; charset=utf-8", ByteString.CopyFromUtf8(json));

    public static HttpBody Csv(byte[] csv) => Body("text/csv; charset=utf-8", ByteString.CopyFrom(csv));

    public static HttpBody Xlsx(Action<Stream> render)
    {
        using var stream = new MemoryStream();
        render(stream);
        return Body("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ByteString.CopyFrom(stream.ToArray()));
    }

    /// <summary>A document in the format asked (one of <see cref="DocumentFormats"/>, already checked).</summary>
    public static HttpBody Document(string format, Func<string> text, Func<string> html, Action<Stream> xlsx) => format switch
    {
        "html" => Html(html()),
        "xlsx" => Xlsx(xlsx),
        _ => Text(text()),
    };

    private static HttpBody Body(string contentType, ByteString data) => new() { ContentType = contentType, Data = data };
}
