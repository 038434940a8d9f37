using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// JSON transcoding answers a malformed REST request with an English message that names no field. Before it runs, this
/// checks the path's values, the query and the body against the request message's descriptor and answers INVALID_ARGUMENT with the field
/// path and a Chinese message instead, in the same JSON shape as every other error.
/// </summary>
public sealed class RestRequestCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (metadata is null)
        {
            await next(context);
            return;
        }
        var input = metadata.MethodDescriptor.InputType;
        var problem = CheckRoute(context.Request.RouteValues, input) ?? CheckQuery(context.Request.Query, input)
            ?? await CheckBodyAsync(context, metadata.HttpRule.Body, input);
        if (problem is { } p)
        {
            await WriteAsync(context, p.Field, p.Message);
            return;
        }
        await next(context);
    }

    // A path segment such as {year} in /years/{year}/goals: "x" there is a bad year, not a server fault.
    private static (string Field, string Message)? CheckRoute(RouteValueDictionary route, MessageDescriptor input)
    {
        foreach (var (key, value) in route)
        {
            var field = Resolve(input, key.Split('.'));
            if (field is not null && ScalarProblem(field, value?.ToString() ?? "") is { } message) return (key, message);
        }
        return null;
    }

    private static (string Field, string Message)? CheckQuery(IQueryCollection query, MessageDescriptor input)
    {
        foreach (var (key, values) in query)
        {
            var field = Resolve(input, key.Split('.'));
            if (field is null) continue;
            foreach (var value in values)
                if (ScalarProblem(field, value ?? "") is { } message) return (key, message);
        }
        return null;
    }

    private static async Task<(string Field, string Message)?> CheckBodyAsync(HttpContext context, string body, MessageDescriptor input)
    {
        if (string.IsNullOrEmpty(body)) return null;
        var target = body == "*" ? input : input.FindFieldByName(body)?.MessageType;
        if (target is null) return null;
        var request = context.Request;
        var hint = IsJson(request.ContentType) ? "" : "请以 content-type: application/json 发送 UTF-8 编码的 JSON（" +
            (string.IsNullOrEmpty(request.ContentType) ? "请求没有 content-type" : "收到的 content-type 为" + Quote.Of(request.ContentType)) + "）。";
        if (request.ContentLength == 0) return ("body", "请求体不能为空，应为 JSON 对象。" + hint);
        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, context.RequestAborted);
            // A body that reads as JSON is taken as JSON whatever its content type says (curl -d sends form-urlencoded):
            // the transcoder after this refuses any other content type, in English and naming no field.
            request.ContentType = "application/json; charset=utf-8";
            return CheckObject(document.RootElement, target, body == "*" ? "" : body + ".");
        }
        catch (JsonException e)
        {
            return ("body", $"请求体不是有效的 JSON（第 {e.LineNumber + 1} 行第 {e.BytePositionInLine + 1} 个字节附近）。" + hint);
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }

    /// <summary>JSON in UTF-8, the only body this reads: application/json or any +json type, without another charset.</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static (string Field, string Message)? CheckObject(JsonElement element, MessageDescriptor type, string prefix)
    {
        if (element.ValueKind != JsonValueKind.Object) return (ObjectPath(prefix), "应为 JSON 对象。");
        foreach (var property in element.EnumerateObject())
        {
            if (!TryGetName(property, out var name)) return (ObjectPath(prefix), LoneSurrogate);
            var field = type.Fields.InFieldNumberOrder().FirstOrDefault(f => f.JsonName == name || f.Name == name);
            var path = prefix + (field?.Name ?? name);
            // What this check does not read (unknown fields, maps) still reaches the transcoder's parser.
            if (field is null || field.IsMap)
            {
                if (UnreadableText(property.Value, path) is { } unreadable) return unreadable;
                if (field is null) continue;
            }
            if (CheckValue(property.Value, field, path) is { } problem) return problem;
        }
        return null;
    }

    /// <summary>
    /// System.Text.Json refuses to decode a string holding a lone UTF-16 surrogate (the escape "\ud800" on its own) with
    /// an InvalidOperationException rather than a JsonException: bad input that must name its field, not become a 500.
    /// </summary>
    private const string LoneSurrogate = "含有无效的字符（不成对的 UTF-16 代理项，如 \\ud800）。";

    private static string ObjectPath(string prefix) => prefix.TrimEnd('.').Length > 0 ? prefix.TrimEnd('.') : "body";

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    private static bool TryGetString(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>The first string or property name under a value that cannot be decoded, as a problem at its path.</summary>
    private static (string Field, string Message)? UnreadableText(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(value, out _) ? null : (path, LoneSurrogate);
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    if (UnreadableText(item, $"{path}[{i++}]") is { } problem) return problem;
                return null;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (!TryGetName(property, out var name)) return (path, LoneSurrogate);
                    if (UnreadableText(property.Value, $"{path}.{name}") is { } problem) return problem;
                }
                return null;
            default:
                return null;
        }
    }

    private static (string Field, string Message)? CheckValue(JsonElement value, FieldDescriptor field, string path)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (field.IsRepeated && !field.IsMap)
        {
            if (value.ValueKind != JsonValueKind.Array) return (path, "应为数组。");
            var i = 0;
            foreach (var item in value.EnumerateArray())
                if (CheckSingle(item, field, $"{path}[{i++}]") is { } problem) return problem;
            return null;
        }
        return field.IsMap ? (value.ValueKind == JsonValueKind.Object ? null : (path, "应为 JSON 对象。")) : CheckSingle(value, field, path);
    }

    private static (string Field, string Message)? CheckSingle(JsonElement value, FieldDescriptor field, string path)
    {
        if (field.FieldType == FieldType.Message)
            return field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal)
                ? UnreadableText(value, path) : CheckObject(value, field.MessageType, path + ".");
        string? text = null;
        if (value.ValueKind == JsonValueKind.String && !TryGetString(value, out text)) return (path, LoneSurrogate);
        if (value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) text = value.GetRawText();
        if (text is null) return (path, $"应为{Describe(field)}，不能是对象或数组。");
        if (field.FieldType == FieldType.String && value.ValueKind != JsonValueKind.String) return (path, "应为字符串。");
        if (field.FieldType == FieldType.Bool && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return (path, "应为 true 或 false。");
        return ScalarProblem(field, text) is { } message ? (path, message) : null;
    }

    /// <summary>A value as text (query or JSON) that the field's type cannot hold, or null.</summary>
    private static string? ScalarProblem(FieldDescriptor field, string text) => field.FieldType switch
    {
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : $"应为整数（-2147483648 至 2147483647），而不是{Quote.Of(text)}。",
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : $"应为整数，而不是{Quote.Of(text)}。",
        FieldType.UInt32 or FieldType.Fixed32 =>
            uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : $"应为非负整数，而不是{Quote.Of(text)}。",
        FieldType.UInt64 or FieldType.Fixed64 =>
            ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : $"应为非负整数，而不是{Quote.Of(text)}。",
        FieldType.Double or FieldType.Float =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : $"应为数字，而不是{Quote.Of(text)}。",
        FieldType.Bool => text is "true" or "false" ? null : "应为 true 或 false。",
        FieldType.Enum => field.EnumType.Values.Any(v => v.Name == text || v.Number.ToString(CultureInfo.InvariantCulture) == text)
            ? null : $"应为以下之一：{string.Join("、", field.EnumType.Values.Select(v => v.Name))}。",
        _ => null,
    };

    private static string Describe(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => "字符串",
        FieldType.Bool => "true 或 false",
        FieldType.Enum => "枚举值",
        _ => "数字",
    };

    private static FieldDescriptor? Resolve(MessageDescriptor type, IReadOnlyList<string> parts)
    {
        var current = type;
        FieldDescriptor? field = null;
        foreach (var part in parts)
        {
            if (current is null) return null;
            field = current.Fields.InFieldNumberOrder().FirstOrDefault(f => f.JsonName == part || f.Name == part);
            if (field is null) return null;
            current = field.FieldType == FieldType.Message ? field.MessageType : null;
        }
        return field?.FieldType == FieldType.Message ? null : field;
    }

    private static Task WriteAsync(HttpContext context, string field, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        var status = ErrorMappingInterceptor.ToStatus(new ValidationFailedException(field, message));
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            code = status.Code,
            message = status.Message,
            details = new[]
            {
                new Dictionary<string, object>
                {
                    ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
                    ["fieldViolations"] = new[] { new { field, description = message } },
                },
            },
        }, Json));
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

