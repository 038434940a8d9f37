using System.Net.Http.Headers;
using System.Text;
using PerfPlatform.TestSupport;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// The seed document moved to 2022 (its project codes and years), so that importing it touches none of the fixture's 2021
/// data (the department's 2021 goals, the fixture's project) that the other checks read.
/// </summary>
public static class ImportDocuments
{
    public const string FirstProject = "13063622GNTKS9WIPUKRG";

    public static byte[] Seed2022() =>
        Encoding.UTF8.GetBytes(File.ReadAllText(TestEnvironment.SeedPath).Replace("13063621", "13063622").Replace("2021", "2022"));

    public static HttpContent Text(byte[] bytes, string contentType = "text/plain; charset=utf-8")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static HttpContent Form(byte[] bytes, string fileName, string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return form;
    }
}
