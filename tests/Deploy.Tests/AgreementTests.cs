using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace PerfPlatform.Deploy.Tests;

/// <summary>The local stack (deploy/local/lib.sh), the services' code, the chart and the Dockerfiles say the same things.</summary>
public sealed partial class AgreementTests
{
    private static readonly Dictionary<string, string> ChartNames = new()
    {
        ["ProjectRegistry"] = "registry", ["IndicatorCatalogue"] = "indicators", ["DisbursementTracking"] = "disbursement",
        ["Reporting"] = "reporting", ["Gateway"] = "gateway",
    };

    /// <summary>deploy/local/lib.sh's PERF_SERVICES: folder, name, HTTP port, gRPC port, database.</summary>
    private static List<(string Folder, int Http, int Grpc)> LocalServices() =>
        LocalService().Matches(Repo.Read("deploy", "local", "lib.sh"))
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value))).ToList();

    [Fact]
    public void Ports_agree_between_the_local_stack_the_chart_and_the_dockerfiles()
    {
        var values = Repo.Yaml(Path.Combine(Repo.Chart, "values.yaml"))!;
        var local = LocalServices();
        Assert.Equal(5, local.Count);
        foreach (var (folder, http, grpc) in local)
        {
            var block = values["services"]![ChartNames[folder]]!;
            Assert.Equal(((long)http, (long)grpc), (block["ports"]!["http"]!.GetValue<long>(), block["ports"]!["grpc"]!.GetValue<long>()));
            Assert.Equal($"PerfPlatform.{folder}.dll", block["assembly"]!.GetValue<string>());
            var dockerfile = Repo.Read("services", folder, "Dockerfile");
            Assert.Contains($"EXPOSE {http} {grpc}", dockerfile);
            Assert.Contains($"CMD [\"PerfPlatform.{folder}.dll\"]", dockerfile);
            Assert.Contains($"services/{folder}/PerfPlatform.{folder}.csproj", dockerfile);
            Assert.True(File.Exists(Path.Combine(Repo.Root, "services", folder, $"PerfPlatform.{folder}.csproj")));
            Assert.Contains($"defaultHttpPort: {http}, defaultGrpcPort: {grpc}", Repo.Read("services", folder, "Program.cs"));
        }
    }

    [Fact]
    public void The_chart_sets_every_variable_the_local_stack_sets()
    {
        var local = EnvName().Matches(Repo.Read("deploy", "local", "lib.sh")).Select(m => m.Groups[1].Value).Distinct().ToList();
        var helpers = Repo.Read("charts", "perfplatform", "templates", "_helpers.tpl");
        Assert.Contains("Ports__Http", local);
        foreach (var name in local)
        {
            // The local key is a file; in the cluster it comes from a Secret (Auth__SigningKey) or an OIDC authority.
            var expected = name == "Auth__SigningKeyFile" ? "Auth__SigningKey" : name;
            if (name.StartsWith("Upstreams__")) expected = "Upstreams__{{ title $other }}__" + name.Split("__")[^1];
            Assert.Contains($"name: {expected}", helpers);
        }
    }

    [Fact]
    public void Probes_use_the_health_paths_and_metrics_the_services_map()
    {
        var host = Repo.Read("services", "BuildingBlocks", "ServiceDefaults", "Hosting", "ServiceHost.cs");
        var deployment = Repo.Read("charts", "perfplatform", "templates", "deployments.yaml");
        foreach (var path in new[] { "/healthz/live", "/healthz/ready" })
        {
            Assert.Contains($"\"{path}\"", host);
            Assert.Contains($"path: {path}", deployment);
        }
        Assert.Contains("MapGrpcHealthChecksService", host);
        // The liveness probe asks the gRPC health service "" (no service field), which must report the process alone.
        Assert.Contains("grpc: { port: {{ $svc.ports.grpc }} }", deployment);
        Assert.Contains("o.Services.Map(\"\", c => c.Tags.Contains(LiveTag))", host);
        Assert.Contains("\"/metrics\"", host);
        Assert.Contains("path: /metrics", Repo.Read("charts", "perfplatform", "templates", "servicemonitor.yaml"));
    }

    [Fact]
    public void The_configuration_sections_the_chart_sets_are_the_ones_the_code_reads()
    {
        var code = string.Concat(Directory.GetFiles(Path.Combine(Repo.Root, "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText));
        foreach (var section in new[] { "\"Ports\"", "\"Limits\"", "\"Auth\"", "\"RabbitMq\"", "\"Postgres\"", "\"Database\"", "\"Upstreams\"", "\"RateLimit\"" })
            Assert.Contains($"Section = {section}", code.Replace("ConnectionStringName", "Section"));
    }

    /// <summary>The services that use the broker get its address and credentials; the gateway, which never connects, none.</summary>
    [Fact]
    public void Only_the_services_that_use_the_broker_get_its_credentials()
    {
        // Program.cs or the service's Add<Service>() wiring file beside it.
        string Sources(string folder) => string.Concat(Directory.GetFiles(Path.Combine(Repo.Root, "services", folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText));
        foreach (var (folder, _, _) in LocalServices())
            Assert.Equal(folder != "Gateway", Sources(folder).Contains("AddPerfMessaging("));
        Assert.DoesNotContain("RabbitMq", Sources("Gateway"));

        var helpers = Repo.Read("charts", "perfplatform", "templates", "_helpers.tpl");
        var broker = NotForTheGateway().Match(helpers);
        Assert.True(broker.Success, "the broker's variables are set inside {{- if ne .name \"gateway\" }}");
        foreach (var name in new[] { "Host", "Port", "VirtualHost", "Username", "Password" })
        {
            Assert.Contains($"- name: RabbitMq__{name}\n", broker.Groups[1].Value);
            Assert.Single(Regex.Matches(helpers, $"name: RabbitMq__{name}\n"));
        }
    }

    [Fact]
    public void Kustomize_renders_the_operator_resources()
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(Repo.Root, "deploy", "kubernetes")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl is not installed: install it to render deploy/kubernetes.");
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        Assert.Contains("kind: Cluster", output);
        Assert.Contains("kind: RabbitmqCluster", output);
        Assert.Equal(3, output.Split("kind: Database\n").Length - 1);
        Assert.Contains("replicas: 3", output);
    }

    [GeneratedRegex(@"""(\w+) (\w+) (\d+) (\d+) (\S+)""")]
    private static partial Regex LocalService();

    /// <summary>A block of lines inside {{- if ne .name "gateway" }} … {{- end }}, with no control action of its own.</summary>
    [GeneratedRegex(@"\{\{- if ne \.name ""gateway"" \}\}\n((?:(?!\{\{-).*\n)*)\{\{- end \}\}")]
    private static partial Regex NotForTheGateway();

    [GeneratedRegex(@"echo ""([A-Za-z]+(?:__[A-Za-z]+)+)=")]
    private static partial Regex EnvName();
}
