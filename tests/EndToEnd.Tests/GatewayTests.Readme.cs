using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>The README's curl lines, run as written (curl's default content type included) against the gateway.</summary>
public sealed partial class GatewayTests
{
    private const string ReadmeProject = "13063621GNTKS9WIPUKRG";

    [Fact]
    public async Task The_readme_review_examples_work_as_written_through_the_gateway()
    {
        // The README's unit, under another division so that no other test meets it; the project code keeps its own.
        const string division = "130791", project = "13079121GNTKS9WIPUKRG";
        var dept = Stack.DepartmentToken(division, "434001");
        using var finance = Stack.Http(PlatformStack.Gateway, Stack.FinanceToken());
        await Ok(finance.PostAsJsonAsync("/v1/divisions", new { code = division, name = "自述县" }));
        await Ok(finance.PostAsJsonAsync($"/v1/divisions/{division}/departments", new { code = "434", name = "自述县人民政府办公室" }));
        await Ok(finance.PostAsJsonAsync($"/v1/divisions/{division}/units", new { code = "434001", departmentCode = "434", name = "自述县人民政府办公室（本级）" }));
        using var department = Stack.Http(PlatformStack.Gateway, dept);
        await Ok(department.PostAsJsonAsync($"/v1/divisions/{division}/units/434001/projects", new
        {
            code = project, year = 2021, name = "购置公务用车项目经费", purpose = "购置9座客车一辆", goals = new[] { "1.预计2021年第二季度完成支出" },
            budget = new { totalFen = 18_000_000, fiscalFen = 18_000_000, otherFen = 0 },
        }));

        var (submit, returned) = (ReadmeLine("GNTKS9WIPUKRG:submit"), ReadmeLine("GNTKS9WIPUKRG:return"));
        Assert.DoesNotContain("content-type", submit, StringComparison.OrdinalIgnoreCase);
        var submitted = await CurlAsync(submit, project, dept);
        Assert.Equal("PROJECT_STATUS_SUBMITTED", submitted.GetProperty("status").GetString());
        var queue = await CurlAsync(ReadmeLine("/v1/review-queue"), project, Stack.FinanceToken());
        Assert.Contains(queue.GetProperty("projects").EnumerateArray(), p => p.GetProperty("code").GetString() == project);
        var back = await CurlAsync(returned, project, Stack.FinanceToken());
        Assert.Equal("PROJECT_STATUS_RETURNED", back.GetProperty("status").GetString());
        Assert.Contains("请补充成本指标", JsonSerializer.Serialize(back, new JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
    }

    /// <summary>The one curl command of the README's first code block that holds <paramref name="marker"/>, continuation lines joined.</summary>
    private static string ReadmeLine(string marker)
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "README.md")).Replace("\\\n", " ");
        var lines = readme.Split('\n').Where(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains(marker)).ToList();
        return Assert.Single(lines);
    }

    /// <summary>Runs a README curl line with bash, against this stack's gateway and for this test's project.</summary>
    private async Task<JsonElement> CurlAsync(string line, string project, string token)
    {
        var command = Regex.Replace(line, @"http://127\.0\.0\.1:5080", Stack[PlatformStack.Gateway].HttpAddress.TrimEnd('/'))
            .Replace(ReadmeProject, project) + " -w '\\n%{http_code}'";
        var start = new ProcessStartInfo("bash", ["-c", command]);
        start.Environment["DEPT"] = token;
        start.Environment["FIN"] = token;
        var (exit, output, errors) = await ProcessRun.RunAsync(start, TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"{command}: exit {exit} {errors}");
        var status = output[(output.LastIndexOf('\n') + 1)..].Trim();
        var body = output[..output.LastIndexOf('\n')];
        Assert.True(status == "200", $"{command} → {status} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
