using System.Text.Json;

namespace PerfPlatform.Gateway.Imports;

/// <summary>The import route's refusals in the JSON shape of every REST error, with the field at fault as a field violation.</summary>
public static class ImportErrors
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext context, int httpStatus, int grpcCode, string field, string message, CancellationToken ct)
    {
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            code = grpcCode,
            message,
            details = new[]
            {
                new Dictionary<string, object>
                {
                    ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                    ["fieldViolations"] = new[] { new { field, description = message } },
                },
            },
        }, Json), ct);
    }
}
