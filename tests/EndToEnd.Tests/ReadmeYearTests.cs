using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>
/// The README's "performance year in a few commands", run as written with bash (each curl made to fail on an HTTP error,
/// the pauses a little longer for a loaded machine) against a freshly imported seed, then checked through the API.
/// </summary>
public sealed class ReadmeYearTests(SeedFixture fixture) : IClassFixture<SeedFixture>
{
    private const string Heading = "### The performance year in a few commands";

    [Fact]
    public async Task The_readme_year_runs_as_written_and_leaves_the_car_evaluated_applied_and_published()
    {
        Assert.True(fixture.FirstImport.ExitCode == 0, fixture.FirstImport.Output + fixture.FirstImport.Errors);
        var stack = fixture.Stack;
        var work = Directory.CreateTempSubdirectory("perf-readme-year").FullName;
        try
        {
            var script = "set -euo pipefail\n" + Block()
                .Replace("http://127.0.0.1:5080", stack[PlatformStack.Gateway].HttpAddress.TrimEnd('/'))
                .Replace("curl -s ", "curl -s --fail-with-body ")
                .Replace("sleep 1", "sleep 3");
            var start = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = work };
            start.Environment["FIN"] = stack.FinanceToken("finance-readme");
            start.Environment["DEPT"] = stack.DepartmentToken("130636", "434001");
            var (exit, output, errors) = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
            Assert.Contains("项目支出绩效自评表", await File.ReadAllTextAsync(Path.Combine(work, "项目支出绩效自评表.html")));

            using var finance = stack.Http(PlatformStack.Gateway, stack.FinanceToken());
            var evaluation = await finance.GetFromJsonAsync<JsonElement>("/v1/projects/13063621GNTKS9WIPUKRG/self-evaluation");
            Assert.Equal(("accepted", "100.00", "优"), (evaluation.GetProperty("status").GetString(), evaluation.GetProperty("score").GetString(),
                evaluation.GetProperty("grade").GetString()));
            var next = await finance.GetFromJsonAsync<JsonElement>("/v1/divisions/130636/units/434001/projects?year=2022");
            var code = next.GetProperty("projects").EnumerateArray().Single().GetProperty("code").GetString();
            var predecessor = await Eventually.Until(
                async () => (await finance.GetFromJsonAsync<JsonElement>($"/v1/projects/{code}")).GetProperty("predecessor"),
                p => p.TryGetProperty("grade", out var g) && g.GetString() == "优", "the 2022 project to show the car's grade");
            Assert.Equal("13063621GNTKS9WIPUKRG", predecessor.GetProperty("code").GetString());

            // The README's last line, perfctl publish, with the test's perfctl.
            var folder = Path.Combine(work, "绩效信息公开");
            var published = await Perfctl.RunAsync(stack, stack.FinanceToken(), "publish", "--division", "130636", "--year", "2021", "-o", folder);
            Assert.True(published.ExitCode == 0, published.Output + published.Errors);
            Assert.Contains("13063621GNTKS9WIPUKRG", await File.ReadAllTextAsync(Path.Combine(folder, "evaluations.json")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The section's bash block, without the perfctl line (the test runs its own perfctl).</summary>
    private static string Block()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "README.md"));
        var section = readme[readme.IndexOf(Heading, StringComparison.Ordinal)..];
        var start = section.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length;
        var block = section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)];
        return string.Join('\n', block.Split('\n').Where(l => !l.StartsWith(".local/bin/perfctl", StringComparison.Ordinal)));
    }
}
