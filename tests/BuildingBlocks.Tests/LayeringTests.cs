using System.Text.Json.Nodes;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.BuildingBlocks.Tests;

/// <summary>
/// A host takes only what it uses: the gateway, perfctl and the hosting defaults have no database or bus, so their
/// package graph (NuGet's restore result, project.assets.json, transitive references included) holds neither EF Core,
/// Npgsql nor RabbitMQ.Client, nor ServiceData that brings them. The test project references them so that they are restored.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] DataPackages = ["Microsoft.EntityFrameworkCore", "Npgsql", "RabbitMQ.Client", "EFCore."];

    [Theory]
    [InlineData("services/Gateway")]
    [InlineData("services/Cli")]
    [InlineData("services/BuildingBlocks/ServiceDefaults")]
    public void A_host_without_data_pulls_in_no_database_or_bus(string folder)
    {
        var pulled = Libraries(folder).Where(l => DataPackages.Any(p => l.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                                                   || l.StartsWith("PerfPlatform.ServiceData/", StringComparison.Ordinal));
        Assert.Empty(pulled);
    }

    [Fact]
    public void A_service_with_data_does_pull_them_in_so_the_check_above_reads_the_right_graph()
    {
        var libraries = Libraries("services/ProjectRegistry");
        Assert.Contains(libraries, l => l.StartsWith("Microsoft.EntityFrameworkCore/", StringComparison.Ordinal));
        Assert.Contains(libraries, l => l.StartsWith("RabbitMQ.Client/", StringComparison.Ordinal));
        Assert.Contains(libraries, l => l.StartsWith("PerfPlatform.ServiceData/", StringComparison.Ordinal));
    }

    /// <summary>Every package and project in the restore closure, as "Name/Version".</summary>
    private static List<string> Libraries(string folder)
    {
        var assets = Path.Combine(TestEnvironment.RepoRoot, folder, "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: restore {folder} first.");
        return JsonNode.Parse(File.ReadAllText(assets))!["libraries"]!.AsObject().Select(l => l.Key).ToList();
    }
}
