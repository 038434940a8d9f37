using System.Net;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>绩效信息公开 through the gateway, without a token: approved targets only, never drafts, returns or comments.</summary>
public sealed class DisclosureTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private const string Car = "13063621GNTKS9WIPUKRG";
    private const string Finance = "13063621H8S2NQYMS06ZW";
    private const string Path = "/v1/public/divisions/130636/years/2021/targets";

    [Fact]
    public async Task Only_approved_targets_are_published_to_anyone_and_nothing_of_the_review()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output + fixture.FirstImport.Errors);
        var stack = fixture.Stack;
        using var anyone = stack.Http(PlatformStack.Gateway, token: null);

        // Freshly imported, everything is a draft: nothing is public yet.
        var before = await Json(anyone);
        Assert.Empty(before.GetProperty("data").EnumerateArray());
        Assert.Contains(before.GetProperty("schema").GetProperty("fields").EnumerateArray(),
            f => f.GetProperty("name").GetString() == "projectCode" && f.GetProperty("title").GetString() == "项目编码");

        var department = new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.DepartmentToken("130636", "434001")));
        var finance = new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.FinanceToken("finance-review")));
        await department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = Car });
        await finance.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = Car });
        await department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = Finance });
        await finance.ReturnProjectAsync(new ReviewActionRequest { ProjectCode = Finance, Comment = "内部意见：请补充成本指标 ZX-91" });

        var published = await Eventually(async () => await Json(anyone), j => j.GetProperty("data").GetArrayLength() > 0);
        Assert.Equal("顺平县2021年预算项目绩效目标（已批复）", published.GetProperty("title").GetString());
        var rows = published.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(Car, r.GetProperty("projectCode").GetString()));
        Assert.Equal(180000.00m, rows[0].GetProperty("budgetYuan").GetDecimal());
        Assert.Equal("≥1辆", rows[0].GetProperty("target").GetString());
        Assert.Equal(["产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "满意度指标"], rows.Select(r => r.GetProperty("level1").GetString()));

        var csvResponse = await anyone.GetAsync($"{Path}.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("projectCode,projectName,", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.StartsWith($"{Car},购置公务用车项目经费,434,", l));
        Assert.Contains(",180000.00,180000.00,0.00,", lines[1]);

        // Nothing of the returned project, of drafts or of the review reaches the public.
        var everything = published.GetRawText() + Encoding.UTF8.GetString(bytes);
        foreach (var secret in new[] { Finance, "ZX-91", "内部意见", "comment", "reviewer", "finance-review" })
            Assert.DoesNotContain(secret, everything);

        // gRPC callers need no token for the public methods either, and still need one for everything else.
        var reporting = new ReportingClient(stack.Channel(PlatformStack.Gateway, token: null));
        var body = await reporting.GetPublicTargetsJsonAsync(new PublicDisclosureRequest { DivisionCode = "130636", Year = 2021 });
        Assert.Contains(Car, body.Data.ToStringUtf8());
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await reporting.GetSummaryAsync(new SummaryRequest { Year = 2021 }));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);

        // perfctl publish writes the same files, a data package describing them and a page to post.
        var dir = Directory.CreateTempSubdirectory("publish-").FullName;
        try
        {
            var run = await Perfctl.RunAsync(stack, stack.FinanceToken("finance-publish"), "publish", "--division", "130636", "--year", "2021", "-o", dir);
            Assert.True(run.ExitCode == 0, run.Output + run.Errors);
            Assert.Contains("1 个已批复项目、6 条指标", run.Output);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(System.IO.Path.Combine(dir, "targets.csv")));
            var package = JsonDocument.Parse(await File.ReadAllTextAsync(System.IO.Path.Combine(dir, "datapackage.json"))).RootElement;
            Assert.Equal("targets.csv", package.GetProperty("resources")[0].GetProperty("path").GetString());
            var page = await File.ReadAllTextAsync(System.IO.Path.Combine(dir, "index.html"));
            Assert.Contains("购置公务用车项目经费（13063621GNTKS9WIPUKRG）", page);
            Assert.Contains("180,000.00 元", page);
            Assert.Contains("<td>≥1辆</td>", page);
            Assert.DoesNotContain("ZX-91", page);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Evaluations_are_published_to_anyone_described_and_empty_until_one_is_accepted()
    {
        using var anyone = fixture.Stack.Http(PlatformStack.Gateway, token: null);
        var response = await anyone.GetAsync("/v1/public/divisions/130636/years/2021/evaluations.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        var json = JsonDocument.Parse(text).RootElement;
        // The seed's projects are filed, not yet evaluated: nothing is accepted, so nothing is published.
        Assert.Empty(json.GetProperty("data").EnumerateArray());
        Assert.Equal(["projectCode", "grade", "reached", "indicatorScore"],
            json.GetProperty("schema").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString())
                .Where(n => n is "projectCode" or "grade" or "reached" or "indicatorScore"));
        var csv = await anyone.GetAsync("/v1/public/divisions/130636/years/2021/evaluations.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("projectCode,projectName,", Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]));
        var bad = await anyone.GetAsync("/v1/public/divisions/13063x/years/2021/evaluations.csv");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("division_code", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bad_division_or_year_is_named_without_a_token()
    {
        using var anyone = fixture.Stack.Http(PlatformStack.Gateway, token: null);
        var response = await anyone.GetAsync("/v1/public/divisions/13063x/years/1999/targets.json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("division_code", text);
        Assert.Contains("year", text);
    }

    private static async Task<JsonElement> Json(HttpClient client)
    {
        var response = await client.GetAsync($"{Path}.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, "the published targets did not show the approved project within 30 s");
            await Task.Delay(200);
        }
    }
}
