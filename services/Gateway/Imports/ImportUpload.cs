using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using PerfPlatform.Documents.Reading;

namespace PerfPlatform.Gateway.Imports;

/// <summary>A request the import route refuses before reading the document: the field at fault, a Chinese message, the HTTP status.</summary>
public sealed class UploadRefusedException(string fieldName, string message, int httpStatus = StatusCodes.Status400BadRequest, int grpcCode = 3)
    : Exception(message)
{
    public string Field => fieldName;
    public int HttpStatus => httpStatus;
    public int GrpcCode => grpcCode;
}

/// <summary>
/// The file of a POST /v1/imports: a multipart form's "file" field (its file name tells the format), or the raw body,
/// whose content type tells the format (and a text's charset its encoding). Either is read up to the documents' own size
/// cap (<see cref="OfficeZip.MaxFileBytes"/>), beyond which the answer is 413.
/// </summary>
public sealed record ImportUpload(byte[] Bytes, string FileName, string? Charset)
{
    public const string FormField = "file";
    public const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The body may exceed the file by a multipart form's boundaries and headers.</summary>
    public const long MaxBodyBytes = OfficeZip.MaxFileBytes + 64 * 1024;

    private static readonly Dictionary<string, string> NameByType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text/plain"] = "文档.txt",
        [WordType] = "文档.docx",
        [ExcelType] = "文档.xlsx",
        ["application/msword"] = "文档.doc",
        ["application/vnd.ms-excel"] = "文档.xls",
        // Told by its content: a zip with a Word or Excel body, a legacy Office file, or text.
        ["application/octet-stream"] = "文档",
    };

    public static string TooLarge => $"文件超过 {OfficeZip.MaxFileBytes / 1024 / 1024} MB，无法导入。请拆分后再上传。";

    public static async Task<ImportUpload> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        // The gateway's own body limit is for API calls; a document may be as large as the readers accept.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        if (request.ContentLength > MaxBodyBytes) throw new UploadRefusedException(FormField, TooLarge, StatusCodes.Status413PayloadTooLarge, 8);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } mediaType)
            throw Unsupported(request.ContentType);
        try
        {
            return mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? await FromFormAsync(request, ct)
                : NameByType.TryGetValue(mediaType, out var name)
                    ? new ImportUpload(await ReadCappedAsync(request.Body, ct), name, type.Charset.HasValue ? type.Charset.Value : null)
                    : throw Unsupported(request.ContentType);
        }
        catch (Exception e) when (IsTooLarge(e))
        {
            throw new UploadRefusedException(FormField, TooLarge, StatusCodes.Status413PayloadTooLarge, 8);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw new UploadRefusedException(FormField, "请求体不是完整的 multipart/form-data 表单，或在上传途中中断。请重新上传。");
        }
    }

    private static async Task<ImportUpload> FromFormAsync(HttpRequest request, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBodyBytes }, ct);
        var file = form.Files.GetFile(FormField)
            ?? throw new UploadRefusedException(FormField, $"表单中没有名为「{FormField}」的文件字段。请以 -F \"{FormField}=@目标文档.docx\" 上传。");
        if (file.Length > OfficeZip.MaxFileBytes) throw new UploadRefusedException(FormField, TooLarge, StatusCodes.Status413PayloadTooLarge, 8);
        await using var stream = file.OpenReadStream();
        var charset = MediaTypeHeaderValue.TryParse(file.ContentType, out var fileType) && fileType.Charset.HasValue ? fileType.Charset.Value : null;
        return new ImportUpload(await ReadCappedAsync(stream, ct), Path.GetFileName(file.FileName), charset);
    }

    private static async Task<byte[]> ReadCappedAsync(Stream body, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > OfficeZip.MaxFileBytes) throw new UploadRefusedException(FormField, TooLarge, StatusCodes.Status413PayloadTooLarge, 8);
            copy.Write(buffer, 0, read);
        }
        if (copy.Length == 0) throw new UploadRefusedException(FormField, "请求中没有文件内容。");
        return copy.ToArray();
    }

    private static bool IsTooLarge(Exception e) =>
        e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || (e is InvalidDataException && e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase));

    private static UploadRefusedException Unsupported(string? contentType) => new("Content-Type",
        (string.IsNullOrEmpty(contentType) ? "请求没有 Content-Type。" : $"不支持的 Content-Type「{contentType}」。") +
        $"请以 multipart/form-data 上传（文件字段 {FormField}），或直接发送文件并注明类型：text/plain; charset=GB18030（或 UTF-8、UTF-16）、" +
        $"{WordType}（.docx）、{ExcelType}（.xlsx）。", StatusCodes.Status415UnsupportedMediaType, 3);
}
