using System.Text.Json;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>The whole platform with nothing imported yet.</summary>
public sealed class EmptyPlatformFixture : IAsyncLifetime
{
    public PlatformStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await PlatformStack.StartAsync(
        PlatformStack.Registry, PlatformStack.Indicators, PlatformStack.Disbursement, PlatformStack.Reporting, PlatformStack.Gateway);

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

/// <summary>perfctl import and lint on documents with mistakes, the way an office would meet them.</summary>
public sealed class ImportTests(EmptyPlatformFixture fixture) : IClassFixture<EmptyPlatformFixture>
{
    /// <summary>
    /// The seed with a broken budget sum in its second table, a checkpoint the disbursement service does not plan (9月底)
    /// in its third, and an unparseable amount in its fourth.
    /// </summary>
    private static string BrokenSeed()
    {
        var lines = File.ReadAllLines(TestEnvironment.SeedPath);
        var fiscal = Array.IndexOf(lines, "\t433800.00", Array.IndexOf(lines, "\t433800.00") + 1);
        lines[fiscal] = "\t433700.00";
        var october = Enumerable.Range(0, lines.Length).Where(i => lines[i] == "\t10月底").ElementAt(2);
        lines[october] = "\t9月底";
        lines[Array.IndexOf(lines, "\t120000.00")] = "\t12万元";
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task A_document_with_errors_is_refused_whole_unless_asked_to_skip_the_invalid_tables()
    {
        var file = BrokenSeed();
        var token = fixture.Stack.FinanceToken("finance-import");
        try
        {
            var refused = await Perfctl.RunAsync(fixture.Stack, token, "import", file, "--division-name", "顺平县");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("未导入", refused.Errors);
            Assert.Contains("MNY-01", refused.Output);
            Assert.Contains("DOC-11", refused.Output);
            Assert.Contains("12万元", refused.Output);
            Assert.Contains("PLN-05", refused.Output);
            var registry = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, token));
            Assert.Empty((await registry.ListDivisionsAsync(new ListDivisionsRequest())).Divisions);

            // With --json a refused document still answers in JSON, findings and all.
            var refusedJson = await Perfctl.RunAsync(fixture.Stack, token, "import", file, "--division-name", "顺平县", "--json");
            Assert.Equal(1, refusedJson.ExitCode);
            var refusal = JsonDocument.Parse(refusedJson.Output).RootElement;
            Assert.Equal(1, refusal.GetProperty("exitCode").GetInt32());
            Assert.Contains("未导入", refusal.GetProperty("refused").GetString());
            Assert.Contains(refusal.GetProperty("documentFindings").EnumerateArray(), f => f.GetProperty("code").GetString() == "PLN-05");

            // Skipping tables is not a clean run: exit code 2, as the command's help says.
            var partial = await Perfctl.RunAsync(fixture.Stack, token, "import", file, "--skip-invalid", "--division-name", "顺平县", "--json");
            Assert.True(partial.ExitCode == 2, partial.Output + partial.Errors);
            var report = JsonDocument.Parse(partial.Output).RootElement;
            Assert.Equal(2, report.GetProperty("exitCode").GetInt32());
            var outcomes = report.GetProperty("projects").EnumerateArray()
                .ToDictionary(p => p.GetProperty("code").GetString()!, p => p.GetProperty("outcome").GetString());
            Assert.Equal("Skipped", outcomes["13063621EG6Q0YDACB33Y"]);
            Assert.Equal("Skipped", outcomes["13063621H8S2NQYMS06ZW"]);
            Assert.Equal("Skipped", outcomes["13063621GNTKS9WIPUKRG"]);
            Assert.Equal(3, outcomes.Values.Count(o => o == "Created"));
            Assert.DoesNotContain(report.GetProperty("steps").EnumerateArray(), s => s.GetProperty("outcome").GetString() == "Failed");
            var stored = await registry.ListProjectsAsync(new ListProjectsRequest { DivisionCode = "130636", UnitCode = "434001", Year = 2021 });
            Assert.Equal(3, stored.Projects.Count);
            Assert.DoesNotContain(stored.Projects, p => p.Code is "13063621EG6Q0YDACB33Y" or "13063621H8S2NQYMS06ZW" or "13063621GNTKS9WIPUKRG");

            var summary = await Perfctl.RunAsync(fixture.Stack, token, "report", "summary", "--year", "2021", "--json");
            Assert.Equal(0, summary.ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_seed_as_a_word_file_or_gbk_text_dry_runs_the_same_and_a_broken_one_still_shows_what_it_read()
    {
        var token = fixture.Stack.FinanceToken("finance-import");
        var gbk = Path.Combine(Path.GetTempPath(), $"seed-gbk-{Guid.NewGuid():N}.txt");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        await File.WriteAllBytesAsync(gbk, System.Text.Encoding.GetEncoding("GB18030").GetBytes(await File.ReadAllTextAsync(TestEnvironment.SeedPath)));
        var docx = Path.ChangeExtension(TestEnvironment.SeedPath, ".docx");
        var broken = BrokenSeed();
        try
        {
            foreach (var (file, format) in new[] { (docx, "Word 文档（.docx）"), (gbk, "GB18030 编码的文本") })
            {
                var dry = await Perfctl.RunAsync(fixture.Stack, token, "import", file, "--dry-run", "--json", "--division-name", "顺平县");
                Assert.True(dry.ExitCode == 0, dry.Output + dry.Errors);
                var root = JsonDocument.Parse(dry.Output).RootElement;
                Assert.Equal(format, root.GetProperty("format").GetString());
                var car = Assert.Single(root.GetProperty("document").EnumerateArray(), p => p.GetProperty("code").GetString() == "13063621GNTKS9WIPUKRG");
                Assert.Equal(18_000_000, car.GetProperty("totalFen").GetInt64());
                Assert.Equal(6, car.GetProperty("indicators").GetInt32());
                Assert.Contains(car.GetProperty("plan").EnumerateArray(), c => c.GetProperty("label").GetString() == "6月底" && c.GetProperty("text").GetString() == "100.00%");
                Assert.Equal(6, root.GetProperty("projects").GetArrayLength());
                Assert.DoesNotContain(root.GetProperty("projects").EnumerateArray(), p => p.GetProperty("outcome").GetString() is "Failed" or "Skipped");
            }

            // A dry run of a document with errors still shows what it read and what it would do with the sound tables.
            var refused = await Perfctl.RunAsync(fixture.Stack, token, "import", broken, "--dry-run", "--json", "--division-name", "顺平县");
            Assert.True(refused.ExitCode == 1, refused.Output + refused.Errors);
            var report = JsonDocument.Parse(refused.Output).RootElement;
            Assert.Contains("未导入", report.GetProperty("refused").GetString());
            Assert.Equal(6, report.GetProperty("document").GetArrayLength());
            var outcomes = report.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("outcome").GetString()).ToList();
            Assert.Equal(3, outcomes.Count(o => o == "Skipped"));
            Assert.Equal(3, outcomes.Count(o => o != "Skipped" && o != "Failed"));
        }
        finally
        {
            File.Delete(gbk);
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task A_document_without_project_tables_or_with_every_table_broken_is_refused_even_when_skipping()
    {
        var lines = File.ReadAllLines(TestEnvironment.SeedPath);
        var partOne = Path.Combine(Path.GetTempPath(), $"part-one-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(partOne, lines.Take(Array.IndexOf(lines, "第二部分")));
        var broken = Path.Combine(Path.GetTempPath(), $"all-broken-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(broken, lines.Select(l => l == "\t0" ? "\t零" : l));
        var token = fixture.Stack.FinanceToken("finance-import");
        try
        {
            foreach (var args in new[] { new[] { "import", partOne }, ["import", partOne, "--skip-invalid"] })
            {
                var run = await Perfctl.RunAsync(fixture.Stack, token, args);
                Assert.True(run.ExitCode == 1, run.Output + run.Errors);
                Assert.Contains("没有项目绩效目标表", run.Errors);
                Assert.DoesNotContain("没有任何改动", run.Output);
            }
            var skippedAll = await Perfctl.RunAsync(fixture.Stack, token, "import", broken, "--skip-invalid");
            Assert.True(skippedAll.ExitCode == 1, skippedAll.Output + skippedAll.Errors);
            Assert.Contains("已全部跳过", skippedAll.Errors);
            Assert.DoesNotContain("没有任何改动", skippedAll.Output);
        }
        finally
        {
            File.Delete(partOne);
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task Lint_reports_the_seeds_mistakes_without_storing_anything()
    {
        var lint = await Perfctl.RunAsync(fixture.Stack, fixture.Stack.FinanceToken(), "lint", TestEnvironment.SeedPath);
        Assert.Equal(1, lint.ExitCode);
        Assert.Contains("1000百分比", lint.Output);
        Assert.Contains("95人百分比", lint.Output);
        Assert.Contains("VAL-05", lint.Output);
        Assert.Contains("共 3 处错误", lint.Output);
    }

    [Fact]
    public async Task Lint_goes_on_past_a_project_the_service_refuses_to_check()
    {
        var lines = File.ReadAllLines(TestEnvironment.SeedPath);
        lines[Array.IndexOf(lines, "\t网络故障率")] = "\t" + new string('长', 101);
        var file = Path.Combine(Path.GetTempPath(), $"long-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(file, lines);
        try
        {
            var lint = await Perfctl.RunAsync(fixture.Stack, fixture.Stack.FinanceToken(), "lint", file);
            Assert.Equal(1, lint.ExitCode);
            Assert.Contains("DOC-17", lint.Output);
            Assert.Contains("参数错误", lint.Output);
            // The projects after the refused one are still checked.
            Assert.Contains("1000百分比", lint.Output);
            Assert.Contains("95人百分比", lint.Output);
            Assert.Contains("共 5 处错误", lint.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
