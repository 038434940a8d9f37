using System.Text.RegularExpressions;
using Xunit;

namespace PerfPlatform.Deploy.Tests;

/// <summary>
/// Which pods the chart's selectors pick, read from the templates without helm: the NetworkPolicy must admit the
/// release's own service pods, no Service or PDB may pick a migration Job's pod, and dashboards must count each
/// business figure once however many Reporting replicas export it.
/// </summary>
public sealed partial class SelectionTests
{
    private static string Template(string name) => Repo.Read("charts", "perfplatform", "templates", name);

    /// <summary>The label keys a named helper in _helpers.tpl produces, following its includes of other helpers.</summary>
    private static HashSet<string> LabelKeys(string helper)
    {
        var helpers = Template("_helpers.tpl");
        var body = Regex.Match(helpers, $@"{{{{- define ""{Regex.Escape(helper)}"" -}}}}(.*?){{{{- end -}}}}", RegexOptions.Singleline);
        Assert.True(body.Success, $"no helper {helper}");
        var keys = LabelKey().Matches(body.Groups[1].Value).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (Match include in Include().Matches(body.Groups[1].Value)) keys.UnionWith(LabelKeys(include.Groups[1].Value));
        return keys;
    }

    [Fact]
    public void The_network_policy_admits_the_release_s_own_service_pods()
    {
        var policy = Template("networkpolicy.yaml");
        var from = Regex.Match(policy, @"- from:\s+- podSelector:\s+matchLabels:\s+((?:\s*[\w./-]+: .+\n)+)");
        Assert.True(from.Success, "the policy admits peers by pod labels");
        var required = LabelKey().Matches(from.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("app.kubernetes.io/part-of", required);

        Assert.Contains("include \"perfplatform.podLabels\" $ctx | nindent 8", Template("deployments.yaml"));
        Assert.Superset(required.ToHashSet(), LabelKeys("perfplatform.podLabels"));
    }

    /// <summary>
    /// The gateway's HTTP port takes anyone's traffic, so its /metrics is on a port of its own (Ports__Metrics, which the
    /// gateway then serves nothing else on and the HTTP port no /metrics) that only the monitoring namespace may reach.
    /// </summary>
    [Fact]
    public void The_gateway_s_metrics_are_on_their_own_port_open_only_to_the_monitoring_namespace()
    {
        var values = Repo.Yaml(Path.Combine(Repo.Chart, "values.yaml"))!;
        var ports = values["services"]!["gateway"]!["ports"]!;
        var metrics = ports["metrics"]!.GetValue<long>();
        Assert.True(metrics > 0, "the gateway needs a metrics port");
        Assert.DoesNotContain(metrics, new[] { ports["http"]!.GetValue<long>(), ports["grpc"]!.GetValue<long>() });
        Assert.Contains("public int Metrics { get; set; }", Repo.Read("services", "BuildingBlocks", "ServiceDefaults", "Hosting", "ServiceOptions.cs"));
        Assert.Contains("- name: Ports__Metrics\n  value: {{ .svc.ports.metrics | int64 | quote }}", Template("_helpers.tpl"));
        Assert.Contains("- name: metrics\n              containerPort: {{ $svc.ports.metrics }}", Template("deployments.yaml"));
        Assert.Contains("- name: metrics\n      port: {{ $svc.ports.metrics }}\n      targetPort: metrics", Template("services.yaml"));
        Assert.Contains("- port: {{ if $svc.ports.metrics }}metrics{{ else }}http{{ end }}\n      path: /metrics", Template("servicemonitor.yaml"));

        // The gateway's open rule (no "from") names only the HTTP and gRPC ports; the metrics port is admitted by a rule
        // whose only source is the monitoring namespace.
        var policy = Template("networkpolicy.yaml");
        var open = Regex.Match(policy, @"\{\{- if eq \$name ""gateway"" \}\}\s+- ports:\n((?:\s+- port: \w+\n)+)\s+\{\{- else \}\}");
        Assert.True(open.Success, "the gateway's open ingress rule");
        Assert.Equal(["http", "grpc"], Regex.Matches(open.Groups[1].Value, @"- port: (\w+)").Select(m => m.Groups[1].Value));
        var monitoring = Regex.Match(policy, @"\{\{- if or \$svc\.ports\.metrics \(ne \$name ""gateway""\) \}\}\s+- from:\n\s+- namespaceSelector:\n\s+matchLabels:\n\s+kubernetes\.io/metadata\.name: \{\{ \$\.Values\.networkPolicy\.monitoringNamespace \}\}\n\s+ports:\n\s+- port: \{\{ if \$svc\.ports\.metrics \}\}metrics\{\{ else \}\}http\{\{ end \}\}\n\s+\{\{- end \}\}");
        Assert.True(monitoring.Success, "a rule admitting the monitoring namespace alone to the metrics port");
    }

    [Fact]
    public void No_service_or_disruption_budget_selects_a_migration_job_s_pod()
    {
        var job = Template("migration-job.yaml");
        Assert.Contains("include \"perfplatform.migrationPodLabels\" $ctx | nindent 8", job);
        Assert.DoesNotContain("perfplatform.selectorLabels", job);
        Assert.DoesNotContain("perfplatform.podLabels", job);
        var helpers = Template("_helpers.tpl");
        Assert.Contains("app.kubernetes.io/component: {{ .name }}-migrate", helpers);
        foreach (var selecting in new[] { "services.yaml", "pdb.yaml", "networkpolicy.yaml" })
            Assert.Contains("include \"perfplatform.selectorLabels\" $ctx", Template(selecting));
    }

    [Fact]
    public void Dashboards_count_each_business_figure_once_across_reporting_replicas()
    {
        var dashboard = Repo.Read("deploy", "grafana", "perfplatform.json");
        var gauges = BusinessGauge().Matches(dashboard).ToList();
        Assert.NotEmpty(gauges);
        Assert.All(gauges, g => Assert.EndsWith("max without (instance, pod, service_instance_id) (",
            dashboard[..g.Index]));
    }

    [Fact]
    public void An_install_without_a_way_to_check_tokens_fails_with_a_message()
    {
        Assert.StartsWith("{{- include \"perfplatform.requireAuth\" . }}", Template("deployments.yaml"));
        Assert.Contains("{{- if not (or .Values.auth.authority .Values.auth.signingKeySecret) -}}", Template("_helpers.tpl"));
        Assert.Contains("fail \"Set auth.authority", Template("_helpers.tpl"));
        foreach (var file in new[] { "values-small-county.yaml", "values-province.yaml" })
            Assert.StartsWith("https://", Repo.Yaml(Path.Combine(Repo.Root, "deploy", "kubernetes", file))!["auth"]!["authority"]!.GetValue<string>());
    }

    [GeneratedRegex(@"^\s*([\w./-]+): ", RegexOptions.Multiline)]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"include ""([\w.]+)"" \.")]
    private static partial Regex Include();

    [GeneratedRegex(@"perf_(?:budget_fen|spent_fen|open_warnings|projects|lint_findings)\{")]
    private static partial Regex BusinessGauge();
}
