using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace PerfPlatform.Deploy.Tests;

/// <summary>The local stack (deploy/local/lib.sh), the services' code and settings, the chart and the Dockerfile say the same things.</summary>
public sealed partial class AgreementTests
{
    /// <summary>
    /// deploy/local/lib.sh's PERF_SERVICES, as the scripts see it: folder, name (the chart's key), HTTP port, gRPC port; the
    /// web console, a client with no gRPC port of its own, is left out (see <see cref="The_console_agrees_between_its_settings_the_local_stack_and_the_chart"/>).
    /// </summary>
    private static async Task<List<(string Folder, string Name, int Http, int Grpc)>> LocalServicesAsync() =>
        (await LocalProcessesAsync()).Where(f => f[3] != "-").Select(f => (f[0], f[1], int.Parse(f[2]), int.Parse(f[3]))).ToList();

    private static async Task<List<string[]>> LocalProcessesAsync()
    {
        var start = new ProcessStartInfo("bash", ["-c", "source deploy/local/lib.sh && printf '%s\\n' \"${PERF_SERVICES[@]}\""])
        {
            WorkingDirectory = Repo.Root,
        };
        var (exit, output, errors) = await PerfPlatform.TestSupport.ProcessRun.RunAsync(start, TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
    }

    [Fact]
    public async Task The_console_agrees_between_its_settings_the_local_stack_and_the_chart()
    {
        var web = Assert.Single(await LocalProcessesAsync(), f => f[0] == "Web");
        Assert.Equal(("web", "-", "-"), (web[1], web[3], web[4]));
        var http = int.Parse(web[2]);
        var settings = JsonNode.Parse(Repo.Read("services", "Web", "appsettings.json"))!;
        Assert.Equal(http, settings["Ports"]!["Http"]!.GetValue<int>());
        Assert.Null(settings["Ports"]!["Grpc"]);
        var values = Repo.Yaml(Path.Combine(Repo.Chart, "values.yaml"))!;
        Assert.Equal(http, values["console"]!["port"]!.GetValue<long>());
        // It is a client of the gateway, never an upstream of it.
        Assert.Null(JsonNode.Parse(Repo.Read("services", "Gateway", "appsettings.json"))!["Upstreams"]!["Web"]);
    }

    /// <summary>
    /// A service's ports are its appsettings.json (the only place its program reads them from, and where deploy/local/lib.sh
    /// reads them); the chart's block and, for the services behind it, the gateway's Upstreams (names in Upstreams.cs,
    /// addresses in its appsettings.json) repeat them for the cluster and the gateway. All say the same, names included.
    /// </summary>
    [Fact]
    public async Task Ports_and_names_agree_between_the_services_the_local_stack_the_chart_and_the_gateway()
    {
        var values = Repo.Yaml(Path.Combine(Repo.Chart, "values.yaml"))!;
        var local = await LocalServicesAsync();
        Assert.Equal(5, local.Count);
        Assert.Equal(local.Select(l => l.Name).Order(), ((JsonObject)values["services"]!).Select(s => s.Key).Order());
        var upstreamNames = UpstreamConstant().Matches(Repo.Read("services", "Gateway", "Routing", "Upstreams.cs")).Select(m => m.Groups[1].Value).ToList();
        var gatewaySettings = JsonNode.Parse(Repo.Read("services", "Gateway", "appsettings.json"))!;
        var dockerfile = Repo.Read("services", "Dockerfile");
        Assert.Contains("dotnet publish \"services/$SERVICE/PerfPlatform.$SERVICE.csproj\"", dockerfile);
        Assert.Contains("exec dotnet \\\"PerfPlatform.$PERF_SERVICE.dll\\\"", dockerfile);
        foreach (var (folder, name, http, grpc) in local)
        {
            var settings = JsonNode.Parse(Repo.Read("services", folder, "appsettings.json"))!;
            Assert.Equal((http, grpc), (settings["Ports"]!["Http"]!.GetValue<int>(), settings["Ports"]!["Grpc"]!.GetValue<int>()));
            var program = Repo.Read("services", folder, "Program.cs");
            Assert.DoesNotContain(http.ToString(), program);
            Assert.DoesNotContain(grpc.ToString(), program);
            var block = Repo.Service(values, name);
            Assert.Equal(((long)http, (long)grpc), (block["ports"]!["http"]!.GetValue<long>(), block["ports"]!["grpc"]!.GetValue<long>()));
            Assert.True(File.Exists(Path.Combine(Repo.Root, "services", folder, $"PerfPlatform.{folder}.csproj")));
            if (folder == "Gateway") continue;
            // The chart's Upstreams__{{ title $other }}__Http, lib.sh's Upstreams__Registry__Http, the gateway's section.
            var upstream = char.ToUpperInvariant(name[0]) + name[1..];
            Assert.Contains(upstream, upstreamNames);
            Assert.Equal($"http://127.0.0.1:{http}", gatewaySettings["Upstreams"]![upstream]!["Http"]!.GetValue<string>());
            Assert.Equal($"http://127.0.0.1:{grpc}", gatewaySettings["Upstreams"]![upstream]!["Grpc"]!.GetValue<string>());
            Assert.Contains($"{name}) echo \"Upstreams__{upstream}__Http=http://127.0.0.1:$h\"", Repo.Read("deploy", "local", "lib.sh"));
        }
        Assert.Equal(upstreamNames.Order(), ((JsonObject)gatewaySettings["Upstreams"]!).Select(u => u.Key).Order());
        Assert.Equal(4, upstreamNames.Count);
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
    public async Task Only_the_services_that_use_the_broker_get_its_credentials()
    {
        // Program.cs or the service's Add<Service>() wiring file beside it.
        string Sources(string folder) => string.Concat(Directory.GetFiles(Path.Combine(Repo.Root, "services", folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText));
        foreach (var (folder, _, _, _) in await LocalServicesAsync())
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

    [GeneratedRegex(@"public const string (\w+) = ""\1"";")]
    private static partial Regex UpstreamConstant();

    /// <summary>A block of lines inside {{- if ne .name "gateway" }} … {{- end }}, with no control action of its own.</summary>
    [GeneratedRegex(@"\{\{- if ne \.name ""gateway"" \}\}\n((?:(?!\{\{-).*\n)*)\{\{- end \}\}")]
    private static partial Regex NotForTheGateway();

    [GeneratedRegex(@"echo ""([A-Za-z]+(?:__[A-Za-z]+)+)=")]
    private static partial Regex EnvName();
}
