using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.EndToEnd.Tests;

/// <summary>
/// The gateway's REST routes are the protos' google.api.http rules: each is forwarded to its service (here none runs, so
/// each is UNAVAILABLE from the gateway), nothing else is.
/// </summary>
public sealed class GatewayRouteTests(UnreachableUpstreamsFixture fixture) : IClassFixture<UnreachableUpstreamsFixture>
{
    private PlatformStack Stack => fixture.Stack;

    private const string NoSuchRoute = "没有这个接口";

    /// <summary>Every (method, path template) the compiled protos bind, additional bindings included.</summary>
    private static List<(string Method, string Template)> ProtoRestRules() =>
        typeof(Protos.Common.V1.Diagnostics).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)).OfType<FileDescriptor>()
            .SelectMany(f => f.Services).SelectMany(s => s.Methods)
            .Select(m => m.GetOptions()?.GetExtension(AnnotationsExtensions.Http)).OfType<HttpRule>()
            .SelectMany(r => new[] { r }.Concat(r.AdditionalBindings))
            .Select(b => b.PatternCase switch
            {
                HttpRule.PatternOneofCase.Get => ("GET", b.Get),
                HttpRule.PatternOneofCase.Put => ("PUT", b.Put),
                HttpRule.PatternOneofCase.Post => ("POST", b.Post),
                HttpRule.PatternOneofCase.Patch => ("PATCH", b.Patch),
                HttpRule.PatternOneofCase.Delete => ("DELETE", b.Delete),
                _ => (b.Custom.Kind, b.Custom.Path),
            }).ToList();

    [Fact]
    public async Task Every_rest_rule_of_the_protos_passes_the_gateway_to_a_service_and_other_methods_do_not()
    {
        var rules = ProtoRestRules();
        Assert.True(rules.Count >= 37, $"only {rules.Count} rules in the compiled protos");
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.FinanceToken());
        var stopped = new List<string>();
        foreach (var (method, template) in rules)
        {
            // Placeholders get a value no service holds, so that nothing is stored; the verb (":submit") stays.
            var path = Regex.Replace(template, @"\{[^}]*\}", "x");
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is not ("GET" or "DELETE")) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await rest.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable) stopped.Add($"{method} {template} → {(int)response.StatusCode} {text}");
        }
        Assert.True(stopped.Count == 0, "not forwarded:\n" + string.Join("\n", stopped));

        // A method no rule binds to a bound path is the gateway's own NOT_FOUND, not forwarded.
        using var delete = await rest.DeleteAsync("/v1/divisions");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Contains($"{NoSuchRoute}：DELETE /v1/divisions", await delete.Content.ReadAsStringAsync());
    }
}

/// <summary>A gateway alone whose every upstream is port 1 on loopback, where nothing listens.</summary>
public sealed class UnreachableUpstreamsFixture : IAsyncLifetime
{
    public PlatformStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Stack = await PlatformStack.StartAsync(new[] { "Registry", "Indicators", "Disbursement", "Reporting" }
            .SelectMany(u => new[] { $"Upstreams__{u}__Http", $"Upstreams__{u}__Grpc" })
            .ToDictionary(k => k, _ => "http://127.0.0.1:1"), PlatformStack.Gateway);

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
