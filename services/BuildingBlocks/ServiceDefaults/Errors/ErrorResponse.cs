using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// An error answered before any service code runs (the gateway's own refusals, a refused token), in the caller's
/// protocol: a trailers-only gRPC status for gRPC, the JSON shape of every other error for REST.
/// </summary>
public static class ErrorResponse
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async ValueTask WriteAsync(HttpContext context, int httpStatus, int grpcCode, string message, CancellationToken ct)
    {
        var response = context.Response;
        if (IsGrpc(context.Request))
        {
            // A trailers-only gRPC response: HTTP 200 with the status in the headers.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = grpcCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return;
        }
        response.StatusCode = httpStatus;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(JsonSerializer.Serialize(new { code = grpcCode, message, details = Array.Empty<object>() }, Json), ct);
    }

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
