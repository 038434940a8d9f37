using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using PerfPlatform.Documents.Reading;
using PerfPlatform.Documents.Rendering;
using PerfPlatform.TestSupport;
using Xunit;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>POST /v1/imports through the gateway: perfctl import's importer and report for any client that can send a file.</summary>
public sealed class ImportRouteTests(EmptyPlatformFixture fixture) : IClassFixture<EmptyPlatformFixture>
{
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Car = "13063621GNTKS9WIPUKRG";

    /// <summary>The seed as a Word file made outside this project (shared/seed; the repository's samples hold the same bytes).</summary>
    private static byte[] SeedWord() => File.ReadAllBytes(Path.ChangeExtension(TestEnvironment.SeedPath, ".docx"));

    private static byte[] SeedGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(File.ReadAllText(TestEnvironment.SeedPath));
    }

    private static byte[] SeedWorkbook()
    {
        using var stream = new MemoryStream();
        XlsxRenderer.Render(DocumentReader.Read(File.ReadAllBytes(TestEnvironment.SeedPath), "seed.txt").Parsed.Document, stream);
        return stream.ToArray();
    }

    private static HttpContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static HttpContent Multipart(byte[] bytes, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string query, HttpContent content, string? token = null)
    {
        using var http = fixture.Stack.Http(PlatformStack.Gateway, token ?? fixture.Stack.FinanceToken("finance-import-route"));
        http.Timeout = TimeSpan.FromSeconds(120);
        using var response = await http.PostAsync("/v1/imports" + query, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{response.StatusCode}: {text}");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Every_format_multipart_or_raw_dry_runs_to_the_same_projects_and_a_real_import_is_then_visible()
    {
        var uploads = new (string Name, HttpContent Content, string Format)[]
        {
            ("GB18030 text, raw with its charset", Raw(SeedGb18030(), "text/plain; charset=GB18030"), "GB18030 编码的文本"),
            ("GB18030 text, multipart, detected", Multipart(SeedGb18030(), "目标表.txt"), "GB18030 编码的文本"),
            ("Word, raw", Raw(SeedWord(), WordType), "Word 文档（.docx）"),
            ("Word, multipart", Multipart(SeedWord(), "000_da12ff3c3ef1dc10.docx"), "Word 文档（.docx）"),
            ("Excel, raw", Raw(SeedWorkbook(), ExcelType), "Excel 工作簿（.xlsx）"),
            ("Excel, multipart", Multipart(SeedWorkbook(), "导出.xlsx"), "Excel 工作簿（.xlsx）"),
        };
        string? firstDocument = null;
        foreach (var (name, content, format) in uploads)
        {
            var (status, body) = await PostAsync("?dryRun=true&divisionName=顺平县", content);
            Assert.True(status == HttpStatusCode.OK, $"{name}: {status} {body}");
            Assert.Equal(format, body.GetProperty("format").GetString());
            Assert.Equal(0, body.GetProperty("exitCode").GetInt32());
            var car = Assert.Single(body.GetProperty("document").EnumerateArray(), p => p.GetProperty("code").GetString() == Car);
            Assert.Equal(18_000_000, car.GetProperty("totalFen").GetInt64());
            Assert.Equal(6, car.GetProperty("indicators").GetInt32());
            Assert.Contains(car.GetProperty("plan").EnumerateArray(), c => c.GetProperty("label").GetString() == "6月底" && c.GetProperty("text").GetString() == "100.00%");
            Assert.Equal(6, body.GetProperty("projects").EnumerateArray().Count(p => p.GetProperty("outcome").GetString() == "Created"));
            Assert.Contains(body.GetProperty("steps").EnumerateArray(), s => s.GetProperty("what").GetString() == "行政区划" && s.GetProperty("message").GetString()!.Contains("试运行"));
            // Every format reads to the same projects.
            var document = body.GetProperty("document").GetRawText();
            firstDocument ??= document;
            Assert.True(firstDocument == document, $"{name} read another document");
        }
        using var registry = fixture.Stack.Http(PlatformStack.Gateway, fixture.Stack.FinanceToken());
        Assert.Equal(HttpStatusCode.NotFound, (await registry.GetAsync($"/v1/projects/{Car}")).StatusCode);

        // A real import of the Word file, then the projects are there through the gateway's REST API.
        var (imported, report) = await PostAsync("?divisionName=顺平县", Multipart(SeedWord(), "000_da12ff3c3ef1dc10.docx"));
        Assert.True(imported == HttpStatusCode.OK, $"{imported}: " + string.Join("\n", report.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("outcome").GetString() == "Failed").Select(s => s.ToString())));
        Assert.True(report.GetProperty("changed").GetBoolean());
        Assert.DoesNotContain(report.GetProperty("steps").EnumerateArray(), s => s.GetProperty("outcome").GetString() == "Failed");
        var project = JsonDocument.Parse(await registry.GetStringAsync($"/v1/projects/{Car}")).RootElement;
        Assert.Equal("18000000", project.GetProperty("budget").GetProperty("totalFen").ToString());
        var listed = JsonDocument.Parse(await registry.GetStringAsync("/v1/divisions/130636/units/434001/projects?year=2021")).RootElement;
        Assert.Equal(6, listed.GetProperty("projects").GetArrayLength());

        // The same file again changes nothing.
        var (again, second) = await PostAsync("", Raw(SeedWord(), WordType));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.False(second.GetProperty("changed").GetBoolean());

        // The README's curl lines, as written: a multipart dry run of the Word file, a raw GB18030 import of the text.
        var lines = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "README.md")).Split('\n')
            .Where(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains("/v1/imports")).ToList();
        Assert.Equal(2, lines.Count);
        foreach (var line in lines)
        {
            var (status, body) = await CurlAsync(line);
            Assert.True(status == "200", $"{line} → {status} {body}");
            Assert.Equal(0, body.GetProperty("exitCode").GetInt32());
            Assert.Contains(body.GetProperty("document").EnumerateArray(), p => p.GetProperty("code").GetString() == Car);
        }
    }

    private async Task<(string Status, JsonElement Body)> CurlAsync(string line)
    {
        var command = line.Replace("http://127.0.0.1:5080", fixture.Stack[PlatformStack.Gateway].HttpAddress.TrimEnd('/')) + " -w '\\n%{http_code}'";
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = TestEnvironment.RepoRoot };
        start.Environment["FIN"] = fixture.Stack.FinanceToken("finance-readme");
        var (exit, output, errors) = await ProcessRun.RunAsync(start, TimeSpan.FromSeconds(120));
        Assert.True(exit == 0, $"{command}: exit {exit} {errors}");
        var end = output.LastIndexOf('\n');
        return (output[(end + 1)..].Trim(), JsonDocument.Parse(output[..end]).RootElement.Clone());
    }

    [Fact]
    public async Task A_document_with_errors_dry_runs_to_what_it_read_and_would_do_and_a_real_import_is_refused_with_the_places()
    {
        var spoilt = WithCell(SeedWord(), table: 0, row: 2, cell: 2, "19万5千");
        var (status, dry) = await PostAsync("?dryRun=true&divisionName=顺平县", Raw(spoilt, WordType));
        Assert.True(status == HttpStatusCode.UnprocessableEntity, dry.ToString());
        Assert.Equal(1, dry.GetProperty("exitCode").GetInt32());
        Assert.Contains("skipInvalid=true", dry.GetProperty("refused").GetString());
        var finding = Assert.Single(dry.GetProperty("documentFindings").EnumerateArray(), f => f.GetProperty("code").GetString() == "DOC-11");
        Assert.Equal("表 1 第 3 行", finding.GetProperty("place").GetString());
        Assert.Equal(6, dry.GetProperty("document").GetArrayLength());
        var outcomes = dry.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("outcome").GetString()).ToList();
        Assert.True(outcomes.Count(o => o == "Skipped") == 1, string.Join(",", outcomes));
        Assert.Equal(5, outcomes.Count(o => o is "Created" or "Unchanged"));

        var (refused, answer) = await PostAsync("?divisionName=顺平县", Multipart(spoilt, "有错误.docx"), fixture.Stack.FinanceToken("finance-refused"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains("未导入", answer.GetProperty("refused").GetString());
        Assert.Empty(answer.GetProperty("steps").EnumerateArray());
        Assert.Contains(answer.GetProperty("documentFindings").EnumerateArray(), f => f.GetProperty("place").GetString() == "表 1 第 3 行");
    }

    [Fact]
    public async Task Files_it_cannot_read_are_refused_naming_the_field_in_chinese_never_a_server_error()
    {
        var cases = new (string Name, string Query, HttpContent Content, HttpStatusCode Status, string Field, string Says)[]
        {
            ("legacy .doc", "", Multipart([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "旧版.doc"), HttpStatusCode.BadRequest, "file", ".docx"),
            ("truncated zip", "", Raw(SeedWord()[..4000], WordType), HttpStatusCode.BadRequest, "file", "文件"),
            ("no encoding fits", "", Raw([0x81, 0x0A, 0xFF, 0xFF], "text/plain"), HttpStatusCode.BadRequest, "file", "GB18030"),
            ("empty body", "", Raw([], "text/plain"), HttpStatusCode.BadRequest, "file", "没有文件内容"),
            ("JSON body", "", Raw("{}"u8.ToArray(), "application/json"), HttpStatusCode.UnsupportedMediaType, "Content-Type", "multipart/form-data"),
            ("form without the file field", "", new MultipartFormDataContent { { new StringContent("x"), "other" } }, HttpStatusCode.BadRequest, "file", "file"),
            ("unknown encoding", "?encoding=klingon", Raw("x"u8.ToArray(), "text/plain"), HttpStatusCode.BadRequest, "encoding", "不认识的编码"),
            ("dryRun misspelt", "?dry_run=true", Raw(SeedGb18030(), "text/plain"), HttpStatusCode.BadRequest, "dry_run", "dryRun"),
            ("dryRun not a flag", "?dryRun=yes", Raw(SeedGb18030(), "text/plain"), HttpStatusCode.BadRequest, "dryRun", "true 或 false"),
            ("over the size cap", "", Raw(new byte[OfficeZip.MaxFileBytes + 1], "text/plain"), HttpStatusCode.RequestEntityTooLarge, "file", "20 MB"),
        };
        foreach (var (name, query, content, expected, field, says) in cases)
        {
            var (status, body) = await PostAsync(query, content);
            Assert.True(status == expected, $"{name}: {status} {body}");
            Assert.Contains(says, body.GetProperty("message").GetString());
            Assert.Equal(field, body.GetProperty("details")[0].GetProperty("fieldViolations")[0].GetProperty("field").GetString());
        }
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.Stack[PlatformStack.Gateway].HttpAddress) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/imports", Raw(SeedGb18030(), "text/plain"))).StatusCode);
    }

    /// <summary>The seed's Word file with one cell's text replaced, as an official would spoil it in Word.</summary>
    private static byte[] WithCell(byte[] docx, int table, int row, int cell, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var word = WordprocessingDocument.Open(stream, true))
        {
            var tc = word.MainDocumentPart!.Document!.Body!.Elements<W.Table>().ElementAt(table)
                .Elements<W.TableRow>().ElementAt(row).Elements<W.TableCell>().ElementAt(cell);
            var texts = tc.Descendants<W.Text>().ToList();
            texts[0].Text = text;
            foreach (var more in texts.Skip(1)) more.Text = "";
            word.MainDocumentPart.Document.Save();
        }
        return stream.ToArray();
    }
}
