using System.Text.Json;
using PerfPlatform.Documents.Reading;
using PerfPlatform.Importing;

namespace PerfPlatform.Gateway.Imports;

/// <summary>
/// POST /v1/imports: a target document (multipart or raw body) into the platform with perfctl import's importer and the
/// caller's token, answered with perfctl import --json's report. The gateway hosts it because it already holds the token
/// and reaches every service; the importer calls the services' gRPC ports directly (<see cref="ImportClients"/>), forwarding the token, so each
/// service applies the caller's rights as it would to perfctl.
/// </summary>
public static class ImportRoute
{
    public const string Path = "/v1/imports";

    public static WebApplicationBuilder AddImportRoute(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ImportClients>();
        return builder;
    }

    public static void MapImportRoute(this WebApplication app) => app.MapPost(Path, ImportAsync).RequireAuthorization();

    /// <summary>
    /// 200: done, or tables with errors skipped as asked (exitCode 0 or 2). 422: refused for the document's errors, nothing
    /// to import, or a step failed (exitCode 1), the report in the body. 403: every failed step was refused for the
    /// caller's rights. A request whose file cannot be read: 400 (413 over the size cap, 415 an unknown content type) in the
    /// shape of every other error, naming the field.
    /// </summary>
    private static async Task ImportAsync(HttpContext context, ImportClients clients)
    {
        var ct = context.RequestAborted;
        ImportAnswer answer;
        try
        {
            var query = ImportQuery.Of(context.Request.Query);
            var upload = await ImportUpload.ReadAsync(context.Request, ct);
            var import = new DocumentImport(Read(upload, query.Encoding), query.DryRun, query.SkipInvalid, "skipInvalid=true");
            if (import.Refusal is { } reason) answer = import.Refused(reason);
            else
            {
                var importer = clients.Importer(context.Request.Headers.Authorization.ToString(),
                    new ImportOptions(query.DivisionName, query.DepartmentName, query.DryRun));
                answer = await import.RunAsync((document, projects) => importer.ImportAsync(document, projects, _ => { }));
            }
        }
        catch (UploadRefusedException e)
        {
            await ImportErrors.WriteAsync(context, e.HttpStatus, e.GrpcCode, e.Field, e.Message, ct);
            return;
        }
        context.Response.StatusCode = answer.ExitCode == ImportExitCodes.Refused
            ? answer.RefusedForRights ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity
            : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(answer, ImportAnswer.Json), ct);
    }

    /// <summary>The encoding the query names wins over the body's charset, as --encoding over detection.</summary>
    private static ReadDocument Read(ImportUpload upload, string? encoding)
    {
        try
        {
            return DocumentReader.Read(upload.Bytes, upload.FileName, encoding ?? upload.Charset);
        }
        catch (DocumentReadException e)
        {
            throw new UploadRefusedException(encoding is null && upload.Charset is not null && !TextDecoding.Knows(upload.Charset) ? "Content-Type" : ImportUpload.FormField,
                e.Message.Replace("--encoding", "查询参数 encoding"));
        }
    }
}
