using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Xunit;

namespace PerfPlatform.Deploy.Tests;

/// <summary>What can be checked of the chart without helm or a cluster: values against the schema, template paths, coverage.</summary>
public sealed partial class ChartTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(Repo.Read("charts", "perfplatform", "values.schema.json"));
    private static readonly JsonNode Defaults = Repo.Yaml(Path.Combine(Repo.Chart, "values.yaml"))!;
    private static readonly string[] Services = ["gateway", "registry", "indicators", "disbursement", "reporting"];

    private static EvaluationResults Validate(JsonNode? values) =>
        Schema.Evaluate(System.Text.Json.JsonDocument.Parse(values?.ToJsonString() ?? "null").RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List });

    [Theory]
    [InlineData("charts/perfplatform/values.yaml")]
    [InlineData("deploy/kubernetes/values-small-county.yaml")]
    [InlineData("deploy/kubernetes/values-province.yaml")]
    public void Every_values_file_validates_against_the_schema(string file)
    {
        var merged = Repo.Merge(Defaults, Repo.Yaml(Path.Combine(Repo.Root, file)));
        var result = Validate(merged);
        Assert.True(result.IsValid, string.Join("\n", result.Details?.Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? []));
    }

    [Fact]
    public void The_schema_rejects_unknown_keys_and_wrong_types()
    {
        var unknown = Defaults.DeepClone();
        unknown["services"]!["gateway"]!["replica"] = 2;
        Assert.False(Validate(unknown).IsValid);
        var wrongType = Defaults.DeepClone();
        wrongType["services"]!["registry"]!["ports"]!["http"] = "5110";
        Assert.False(Validate(wrongType).IsValid);
        var missingSecret = Defaults.DeepClone();
        missingSecret["postgres"]!["existingSecret"] = "";
        Assert.False(Validate(missingSecret).IsValid);
        Assert.False(Validate(Repo.Merge(Defaults, JsonNode.Parse("""{"topLevelTypo": true}"""))).IsValid);
        // Extra environment values are quoted as they are: a number would print as Helm's float64 ("5e+06").
        var numericEnv = Defaults.DeepClone();
        numericEnv["default"]!["env"]!["Limits__MaxRequestBodyBytes"] = 5000000;
        Assert.False(Validate(numericEnv).IsValid);
    }

    /// <summary>
    /// Helm reads every number in values as float64; quote, toString and printf's %v print one of a million or more in
    /// exponent form ("4.194304e+06"), which a service cannot bind to an integer setting. A numeric value must pass
    /// through int or int64 before any of them.
    /// </summary>
    [Fact]
    public void Numeric_values_are_made_integers_before_they_are_quoted_or_printed()
    {
        var unconverted = new List<string>();
        var checkedNumbers = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Chart, "templates")))
            foreach (Match action in TemplateAction().Matches(File.ReadAllText(file)))
            {
                var text = action.Groups[1].Value;
                if (!Stringifying().IsMatch(text)) continue;
                foreach (Match path in AnyValuesPath().Matches(text))
                {
                    if (!IsNumber(path.Groups["values"].Success ? Resolve(Defaults, path.Groups["values"].Value)
                            : Services.Select(s => Resolve(Repo.Service(Defaults, s), path.Groups["service"].Value)).FirstOrDefault(n => n is not null)))
                        continue;
                    checkedNumbers++;
                    var before = text[..path.Index];
                    var after = text[(path.Index + path.Length)..];
                    if (!IntegerBefore().IsMatch(before) && !IntegerAfter().IsMatch(after))
                        unconverted.Add($"{Path.GetFileName(file)}: {{{{{text}}}}}");
                }
            }
        Assert.Empty(unconverted);
        // The environment quotes the ports, the body limit, the broker's port and the rate limit.
        Assert.True(checkedNumbers >= 8, $"only {checkedNumbers} quoted numbers found: is the check still reading the templates?");
    }

    private static bool IsNumber(JsonNode? node) =>
        node is JsonValue v && (v.TryGetValue<long>(out _) || v.TryGetValue<double>(out _));

    [Fact]
    public void Every_values_path_a_template_uses_exists_in_values_yaml()
    {
        var missing = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Chart, "templates")))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in ValuesPath().Matches(text))
                if (Resolve(Defaults, m.Groups[1].Value) is null) missing.Add($"{Path.GetFileName(file)}: .Values.{m.Groups[1].Value}");
            // Inside the per-service templates, $svc and .svc are one block of values.services.
            foreach (Match m in ServicePath().Matches(text))
                foreach (var service in Services)
                    if (Resolve(Repo.Service(Defaults, service), m.Groups[1].Value) is null) missing.Add($"{Path.GetFileName(file)}: services.{service}.{m.Groups[1].Value}");
        }
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("deployments.yaml", "Deployment")]
    [InlineData("services.yaml", "Service")]
    [InlineData("hpa.yaml", "HorizontalPodAutoscaler")]
    [InlineData("pdb.yaml", "PodDisruptionBudget")]
    [InlineData("networkpolicy.yaml", "NetworkPolicy")]
    [InlineData("servicemonitor.yaml", "ServiceMonitor")]
    [InlineData("migration-job.yaml", "Job")]
    public void Each_kind_of_object_is_rendered_for_every_service(string template, string kind)
    {
        var text = Repo.Read("charts", "perfplatform", "templates", template);
        Assert.Contains("range $name, $entry := .Values.services }}\n{{- $svc := include \"perfplatform.service\" (dict \"root\" $ \"entry\" $entry) | fromYaml }}", text);
        Assert.Contains($"kind: {kind}", text);
        Assert.All(Services, s => Assert.True(Repo.Service(Defaults, s)["enabled"]!.GetValue<bool>()));
    }

    /// <summary>
    /// A service block holds only what is its own; the rest comes from the default block. A false or a 0 in a block
    /// wins over the default (the chart's merge is not Helm's merge, which would let the default's true back in).
    /// </summary>
    [Fact]
    public void Each_service_block_is_merged_over_the_default_block()
    {
        Assert.Null(Defaults["services"]!["registry"]!["replicas"]);
        Assert.Equal(2, Repo.Service(Defaults, "registry")["replicas"]!.GetValue<long>());
        var reporting = Repo.Service(Defaults, "reporting");
        Assert.Equal(4, reporting["autoscaling"]!["maxReplicas"]!.GetValue<long>());
        Assert.True(reporting["autoscaling"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(9464, Repo.Service(Defaults, "gateway")["ports"]!["metrics"]!.GetValue<long>());
        Assert.Equal(0, Repo.Service(Defaults, "registry")["ports"]!["metrics"]!.GetValue<long>());
        var off = Repo.Merge(Defaults, JsonNode.Parse("""{"services":{"reporting":{"enabled":false,"autoscaling":{"enabled":false}}}}"""))!;
        Assert.True(Validate(off).IsValid);
        Assert.False(Repo.Service(off, "reporting")["enabled"]!.GetValue<bool>());
        Assert.False(Repo.Service(off, "reporting")["autoscaling"]!["enabled"]!.GetValue<bool>());
        // The template does what Merge does: maps key by key (recursively), anything else replaced, false included.
        var helpers = Repo.Read("charts", "perfplatform", "templates", "_helpers.tpl");
        Assert.Contains("{{- if and (kindIs \"map\" $value) (kindIs \"map\" (index $out $key)) -}}", helpers);
        Assert.Contains("{{- $_ := set $out $key $value -}}", helpers);
        // A service needs its own image and ports; the default block can hold neither.
        var noPorts = Defaults.DeepClone();
        noPorts["services"]!["registry"]!.AsObject().Remove("ports");
        Assert.False(Validate(noPorts).IsValid);
    }

    [Fact]
    public void Pods_run_as_non_root_on_a_read_only_root_with_capabilities_dropped()
    {
        Assert.True(Defaults["podSecurityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.True(Defaults["containerSecurityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Equal("ALL", Defaults["containerSecurityContext"]!["capabilities"]!["drop"]![0]!.GetValue<string>());
        var deployment = Repo.Read("charts", "perfplatform", "templates", "deployments.yaml");
        Assert.Contains("resources:", deployment);
        Assert.Contains("mountPath: /tmp", deployment);
    }

    /// <summary>A namespace with a ResourceQuota admits only pods that state requests and limits, the hooks' too.</summary>
    [Fact]
    public void Migration_jobs_state_requests_and_limits_from_schema_checked_values()
    {
        foreach (var kind in new[] { "requests", "limits" })
            foreach (var resource in new[] { "cpu", "memory" })
                Assert.NotNull(Defaults["migrations"]!["resources"]?[kind]?[resource]);
        Assert.Contains("          resources:\n            {{- toYaml $.Values.migrations.resources | nindent 12 }}\n",
            Repo.Read("charts", "perfplatform", "templates", "migration-job.yaml"));
        var typo = Defaults.DeepClone();
        typo["migrations"]!["resources"]!["request"] = JsonNode.Parse("""{"cpu": "100m"}""");
        Assert.False(Validate(typo).IsValid);
        var wrongType = Defaults.DeepClone();
        wrongType["migrations"]!["resources"]!["limits"]!["memory"] = true;
        Assert.False(Validate(wrongType).IsValid);
    }

    [Fact]
    public void The_chart_ships_the_same_dashboard_as_deploy_grafana()
    {
        Assert.Equal(Repo.Read("deploy", "grafana", "perfplatform.json"), Repo.Read("charts", "perfplatform", "dashboards", "perfplatform.json"));
        Assert.NotNull(JsonNode.Parse(Repo.Read("deploy", "grafana", "perfplatform.json"))!["panels"]);
    }

    [Fact]
    public void Yaml_files_that_are_not_templates_parse()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "deploy", "kubernetes"), "*.yaml")
            .Append(Path.Combine(Repo.Chart, "Chart.yaml")).Append(Path.Combine(Repo.Chart, "values.yaml")).ToList();
        Assert.True(files.Count >= 6);
        Assert.All(files, f => Assert.NotNull(Repo.Yaml(f)));
    }

    private static JsonNode? Resolve(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
            current = current is JsonObject o && o.TryGetPropertyValue(part, out var next) ? next : null;
        return current;
    }

    [GeneratedRegex(@"\.Values\.([A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9])")]
    private static partial Regex ValuesPath();

    [GeneratedRegex(@"\{\{-?(.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex TemplateAction();

    [GeneratedRegex(@"\b(?:quote|squote|toString|printf)\b")]
    private static partial Regex Stringifying();

    /// <summary>A path into values (.Values, $.Values, .root.Values) or into one service's block ($svc, .svc, $o).</summary>
    [GeneratedRegex(@"\.Values\.(?<values>[A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9])|(?:\$svc|\.svc|\$o)\.(?<service>[A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9])")]
    private static partial Regex AnyValuesPath();

    [GeneratedRegex(@"\bint(?:64)?\s+(?:\$|\.root)?$")]
    private static partial Regex IntegerBefore();

    [GeneratedRegex(@"^\s*\|\s*int(?:64)?\b")]
    private static partial Regex IntegerAfter();

    [GeneratedRegex(@"(?:\$svc|\.svc)\.([A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9])")]
    private static partial Regex ServicePath();
}
