using System.Net;
using PerfPlatform.Documents.Parsing;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>The document the finance bureau exports is the document the office filed.</summary>
public sealed class TargetDocumentTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private const string Path = "/v1/divisions/130636/units/434001/years/2021/target-document";

    private async Task<HttpResponseMessage> Get(string format, string? token = null)
    {
        using var rest = fixture.Stack.Http(PlatformStack.Gateway, token ?? fixture.Stack.FinanceToken());
        var (response, _) = await Eventually.Until(async () =>
            {
                var answer = await rest.GetAsync($"{Path}?format={format}");
                var text = answer.Content.Headers.ContentType?.MediaType == "text/plain" ? await answer.Content.ReadAsStringAsync() : "";
                return (Response: answer, Text: text);
            }, answer => answer.Response.StatusCode != HttpStatusCode.OK || format != "text" || Complete(answer.Text),
            "the read model to receive the whole document", interval: TimeSpan.FromMilliseconds(200));
        return response;
    }

    /// <summary>All six tables with their plans and indicators have reached the read model.</summary>
    private static bool Complete(string text) =>
        text.Split("项目编码").Length - 1 == 6 && text.Split("\t12月底").Length - 1 == 6 && text.Contains("≥100百分比");

    [Fact]
    public async Task The_text_document_carries_every_value_of_the_seed_in_order()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output);
        var response = await Get("text");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var seed = File.ReadAllText(TestEnvironment.SeedPath);
        var cells = seed.Split('\n').Where(l => l.StartsWith('\t')).Select(l => l[1..].Trim()).Where(c => c.Length > 0)
            .Select(c => c == "0" ? "0.00" : c).ToList();
        var position = 0;
        foreach (var cell in cells)
        {
            var found = text.IndexOf(cell, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"«{cell}» missing or out of order");
            position = found + cell.Length;
        }
        var exported = TargetDocumentParser.Parse(text).Document;
        Assert.Equal(fixture.Seed.Projects.Select(p => (p.Code, p.Name, p.TotalFen, p.FiscalFen, p.OtherFen, p.Purpose)),
            exported.Projects.Select(p => (p.Code, p.Name, p.TotalFen, p.FiscalFen, p.OtherFen, p.Purpose)));
        Assert.Equal(fixture.Seed.Projects.Select(p => p.Goals), exported.Projects.Select(p => p.Goals));
        Assert.Equal(fixture.Seed.Projects.SelectMany(p => p.SpendingPlan).Select(c => (c.Label, c.Month, c.CumulativeBp)),
            exported.Projects.SelectMany(p => p.SpendingPlan).Select(c => (c.Label, c.Month, c.CumulativeBp)));
        Assert.Equal(fixture.Seed.Projects.SelectMany(p => p.Indicators), exported.Projects.SelectMany(p => p.Indicators));
        Assert.Equal(fixture.Seed.Department.OverallGoal, exported.Department.OverallGoal);
        Assert.Equal(fixture.Seed.Department.SafeguardMeasures, exported.Department.SafeguardMeasures);
    }

    [Fact]
    public async Task Html_and_xlsx_render_and_perfctl_exports_them()
    {
        var html = await Get("html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("资金支付及时率", await html.Content.ReadAsStringAsync());
        var xlsx = await (await Get("xlsx")).Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), xlsx[..2]);

        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx");
        try
        {
            var export = await Perfctl.RunAsync(fixture.Stack, fixture.Stack.FinanceToken(), "export", "--division", "130636", "--unit", "434001",
                "--year", "2021", "--format", "xlsx", "-o", file);
            Assert.True(export.ExitCode == 0, export.Output + export.Errors);
            Assert.True(new FileInfo(file).Length > 1000);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Another_unit_gets_no_document()
    {
        var response = await Get("text", fixture.Stack.DepartmentToken("130636", "435001"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
