using System.Net;
using System.Text.Json.Nodes;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reliability.Tests;

/// <summary>POST /v1/imports with files and requests that cannot be read: never a 5xx, always the field named, nothing stored.</summary>
public sealed partial class BadInputSweepTests
{
    private static IEnumerable<(string Name, string Query, Func<HttpContent> Content, string Field)> BadImports()
    {
        var seed = ImportDocuments.Seed2022();
        var zipHead = new byte[] { 0x50, 0x4B, 0x03, 0x04 };
        yield return ("empty body", "", () => ImportDocuments.Text([]), "file");
        yield return ("no content type", "", () => new ByteArrayContent(seed), "Content-Type");
        foreach (var type in new[] { "application/json", "application/xml", "image/png", "text/html", "application/x-www-form-urlencoded", "multipart/form-data" })
            yield return ($"content type {type}", "", () => ImportDocuments.Text(seed, type), type.StartsWith("multipart") ? "file" : "Content-Type");
        yield return ("charset nobody knows", "", () => ImportDocuments.Text(seed, "text/plain; charset=klingon"), "Content-Type");
        yield return ("legacy Word bytes", "", () => ImportDocuments.Text([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2], "application/octet-stream"), "file");
        yield return ("a .xls by name", "", () => ImportDocuments.Form(seed, "表.xls"), "file");
        yield return ("zip header alone as Word", "", () => ImportDocuments.Text(zipHead, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "file");
        yield return ("text as Excel", "", () => ImportDocuments.Text(seed, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "file");
        yield return ("random bytes", "", () => ImportDocuments.Text(RandomBytes(5000), "application/octet-stream"), "file");
        yield return ("zip of nothing", "", () => ImportDocuments.Form(EmptyZip(), "空.docx"), "file");
        yield return ("form without the file", "", () => ImportDocuments.Form(seed, "a.txt", field: "document"), "file");
        yield return ("over 20 MB", "", () => ImportDocuments.Text(new byte[20 * 1024 * 1024 + 10]), "file");
        foreach (var (key, value) in new[] { ("dryRun", "yes"), ("dryRun", "1"), ("skipInvalid", "<script>"), ("encoding", "klingon"), ("encoding", "' OR '1'='1"),
                     ("divisionName", new string('县', 60)), ("departmentName", "\u0001"), ("dry_run", "true"), ("DryRun", "true") })
            yield return ($"{key}={value}", $"?{key}={Uri.EscapeDataString(value)}", () => ImportDocuments.Text(seed), key);
        yield return ("dryRun twice", "?dryRun=true&dryRun=false", () => ImportDocuments.Text(seed), "dryRun");
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20211231).NextBytes(bytes);
        bytes[0] = 0x81;
        bytes[1] = 0xFF;
        return bytes;
    }

    private static byte[] EmptyZip()
    {
        using var stream = new MemoryStream();
        using (new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true)) { }
        return stream.ToArray();
    }

    [Fact]
    public async Task Malformed_imports_never_fail_the_server_always_name_the_field_and_change_nothing()
    {
        using var http = fixture.Stack.Http(PlatformStack.Gateway, fixture.Stack.FinanceToken());
        http.Timeout = TimeSpan.FromSeconds(60);
        var before = await StoredState.SettledAsync(fixture.Stack);
        var failures = new List<string>();
        var cases = 0;
        foreach (var (name, query, content, field) in BadImports())
        {
            cases++;
            using var response = await http.PostAsync("/v1/imports" + query, content());
            var text = await response.Content.ReadAsStringAsync();
            JsonNode? json = null;
            try { json = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { }
            var named = json?["details"]?[0]?["fieldViolations"]?[0]?["field"]?.GetValue<string>();
            var message = json?["message"]?.GetValue<string>() ?? "";
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.OK
                || json?["code"]?.GetValue<int>() is not (3 or 8) || named != field || !message.Any(c => c >= 0x4E00 && c <= 0x9FFF))
                failures.Add($"{name}: {(int)response.StatusCode} {Sweep.Clip(text, 400)} (expected the field {field}, a Chinese message)");
        }
        var after = await StoredState.SettledAsync(fixture.Stack);
        output.WriteLine($"{cases} malformed imports, {failures.Count} wrong");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal("", StoredState.Diff(before, after));
    }
}
