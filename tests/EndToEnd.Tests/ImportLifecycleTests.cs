using System.Text.Json;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>perfctl import over a project's life: a dry run, the import, and a re-import after the finance bureau approved.</summary>
public sealed class ImportLifecycleTests(EmptyPlatformFixture fixture) : IClassFixture<EmptyPlatformFixture>
{
    private const string Car = "13063621GNTKS9WIPUKRG";

    private static IEnumerable<JsonElement> Items(JsonElement report, string list) => report.GetProperty(list).EnumerateArray();

    private static string Outcome(JsonElement item) => item.GetProperty("outcome").GetString()!;

    [Fact]
    public async Task A_dry_run_writes_nothing_and_an_approved_project_is_left_alone_with_a_message()
    {
        var stack = fixture.Stack;
        var token = stack.FinanceToken("finance-import");
        var registry = new RegistryClient(stack.Channel(PlatformStack.Gateway, token));

        var dry = await Perfctl.RunAsync(stack, token, "import", TestEnvironment.SeedPath, "--dry-run", "--json");
        Assert.True(dry.ExitCode == 0, dry.Output + dry.Errors);
        Assert.Equal(6, Items(JsonDocument.Parse(dry.Output).RootElement, "projects").Count(p => Outcome(p) == "Created"));
        Assert.Empty((await registry.ListDivisionsAsync(new ListDivisionsRequest())).Divisions);

        var first = await Perfctl.RunAsync(stack, token, "import", TestEnvironment.SeedPath);
        Assert.True(first.ExitCode == 0, first.Output + first.Errors);

        // The unit's department submits the car project, once the registry has heard of its indicators, and the finance
        // bureau approves it.
        await stack.RegistryKnowsIndicatorSetAsync(Car, 1);
        var department = new RegistryClient(stack.Channel(PlatformStack.Gateway, stack.DepartmentToken("130636", "434001")));
        await department.SubmitProjectAsync(new ReviewActionRequest { ProjectCode = Car });
        await registry.ApproveProjectAsync(new ReviewActionRequest { ProjectCode = Car });

        // The same document again: nothing differs, the approved project included, and the import says so.
        var same = await Perfctl.RunAsync(stack, token, "import", TestEnvironment.SeedPath);
        Assert.True(same.ExitCode == 0, same.Output + same.Errors);
        Assert.Contains("与平台中已有数据相同，没有任何改动", same.Output);

        // The office then edits the car project's purpose in its document and imports it again.
        var file = Path.Combine(Path.GetTempPath(), $"edited-{Guid.NewGuid():N}.txt");
        var seed = await File.ReadAllTextAsync(TestEnvironment.SeedPath);
        Assert.Contains("\t购置9座客车一辆\n", seed);
        await File.WriteAllTextAsync(file, seed.Replace("\t购置9座客车一辆\n", "\t购置9座客车一辆（含上牌）\n"));
        try
        {
            var again = await Perfctl.RunAsync(stack, token, "import", file, "--json");
            Assert.True(again.ExitCode == 0, again.Output + again.Errors);
            var report = JsonDocument.Parse(again.Output).RootElement;
            var leftAlone = Assert.Single(Items(report, "steps"), s => Outcome(s) == "LeftAlone");
            Assert.Equal(Car, leftAlone.GetProperty("subject").GetString());
            Assert.Contains("项目已批复", leftAlone.GetProperty("message").GetString());
            Assert.Contains("导入不修改", leftAlone.GetProperty("message").GetString());
            Assert.Equal(5, Items(report, "projects").Count(p => Outcome(p) == "Unchanged"));

            // Told as text, the office reads that the approved project was not changed, not that nothing differs.
            var text = await Perfctl.RunAsync(stack, token, "import", file);
            Assert.True(text.ExitCode == 0, text.Output + text.Errors);
            Assert.DoesNotContain("没有任何改动", text.Output);
            Assert.Contains("已提交审核或已批复的项目与文档不同，未修改", text.Output);

            var stored = await registry.GetProjectAsync(new GetProjectRequest { ProjectCode = Car });
            Assert.Equal(("购置9座客车一辆", ProjectStatus.Approved), (stored.Purpose, stored.Status));
        }
        finally
        {
            File.Delete(file);
        }

        // Another unit files a table under the network project's code (a typo or a collision): it must not take it over.
        var before = await registry.GetProjectAsync(new GetProjectRequest { ProjectCode = Network });
        var lines = await File.ReadAllLinesAsync(TestEnvironment.SeedPath);
        lines[Array.IndexOf(lines, "\t434001顺平县人民政府办公室（本级）")] = "\t434002顺平县机关事务服务中心";
        var collision = Path.Combine(Path.GetTempPath(), $"collision-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(collision, lines);
        try
        {
            var taken = await Perfctl.RunAsync(stack, token, "import", collision, "--json");
            Assert.True(taken.ExitCode == 1, taken.Output + taken.Errors);
            var report = JsonDocument.Parse(taken.Output).RootElement;
            var failed = Assert.Single(Items(report, "steps"), s => Outcome(s) == "Failed");
            Assert.Equal(Network, failed.GetProperty("subject").GetString());
            Assert.Contains("单位 434001", failed.GetProperty("message").GetString());
            Assert.Contains("单位 434002", failed.GetProperty("message").GetString());
            var after = await registry.GetProjectAsync(new GetProjectRequest { ProjectCode = Network });
            Assert.Equal((before.UnitCode, before.Version), (after.UnitCode, after.Version));
        }
        finally
        {
            File.Delete(collision);
        }

        // The office revises its department goals' safeguard measures: the import replaces them at the version it read.
        var goals = new GetDepartmentGoalsRequest { DivisionCode = "130636", DepartmentCode = "434", Year = 2021 };
        var goalsBefore = await registry.GetDepartmentGoalsAsync(goals);
        var revised = Path.Combine(Path.GetTempPath(), $"goals-{Guid.NewGuid():N}.txt");
        Assert.Contains("建立考核通报制度。\n", seed);
        await File.WriteAllTextAsync(revised, seed.Replace("建立考核通报制度。\n", "建立考核通报制度。加强结果应用。\n"));
        try
        {
            var import = await Perfctl.RunAsync(stack, token, "import", revised, "--json");
            Assert.True(import.ExitCode == 0, import.Output + import.Errors);
            var step = Assert.Single(Items(JsonDocument.Parse(import.Output).RootElement, "steps"), s => s.GetProperty("what").GetString() == "部门整体绩效目标");
            Assert.Equal("Updated", Outcome(step));
            var goalsAfter = await registry.GetDepartmentGoalsAsync(goals);
            Assert.Equal((goalsBefore.Version + 1, true), (goalsAfter.Version, goalsAfter.SafeguardMeasures.EndsWith("加强结果应用。")));
        }
        finally
        {
            File.Delete(revised);
        }
    }

    private const string Network = "130636216T39PTY2WF094";
}
