using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using PerfPlatform.Protos.Reporting.V1;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.EndToEnd.Tests;

public sealed partial class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private PlatformStack Stack => fixture.Stack;

    [Fact]
    public async Task Rest_and_grpc_both_reach_the_registry_through_the_gateway()
    {
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.FinanceToken());
        var created = await rest.PostAsJsonAsync("/v1/divisions", new { code = "130700", name = "网关测试县" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var grpc = new RegistryClient(Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken()));
        var divisions = await grpc.ListDivisionsAsync(new ListDivisionsRequest());
        Assert.Contains(divisions.Divisions, d => d.Code == "130700" && d.Name == "网关测试县");
    }

    [Fact]
    public async Task The_benchmark_echo_goes_through_the_gateway_to_the_registry_and_needs_a_token()
    {
        var echo = new Protos.Common.V1.Diagnostics.DiagnosticsClient(Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken()));
        var answer = await echo.EchoAsync(new Protos.Common.V1.EchoRequest { Payload = "顺平县" });
        Assert.Equal("顺平县", answer.Payload);
        var anonymous = new Protos.Common.V1.Diagnostics.DiagnosticsClient(Stack.Channel(PlatformStack.Gateway, null));
        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.EchoAsync(new Protos.Common.V1.EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Perfctl_token_takes_1_to_720_hours_and_its_token_passes_the_gateway()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"perf-key-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(Stack.SigningKey));
        try
        {
            foreach (var hours in new[] { "0", "-1", "721", "2147483647", "99999999999", "十二" })
            {
                var refused = await Perfctl.RunAsync(Stack, "", "token", "--role", "finance", "--hours", hours, "--key-file", keyFile);
                // Refused with the usage on stdout (as any bad option), and no token there.
                Assert.True(refused.ExitCode != 0 && !refused.Output.Contains("eyJ"), $"--hours {hours}: {refused.ExitCode} {refused.Output}{refused.Errors}");
                Assert.Contains("--hours 应为 1 至 720 之间的整数", refused.Errors);
            }
            foreach (var hours in new[] { 1, 720 })
            {
                var issued = await Perfctl.RunAsync(Stack, "", "token", "--role", "finance", "--hours", hours.ToString(), "--key-file", keyFile);
                Assert.True(issued.ExitCode == 0, issued.Errors);
                var token = issued.Output.Trim();
                var payload = JsonDocument.Parse(Base64UrlDecode(token.Split('.')[1])).RootElement;
                Assert.Equal(hours * 3600, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
                var grpc = new RegistryClient(Stack.Channel(PlatformStack.Gateway, token));
                await grpc.ListDivisionsAsync(new ListDivisionsRequest());
            }
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    private static byte[] Base64UrlDecode(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + (4 - text.Length % 4) % 4, '='));

    [Fact]
    public async Task Metrics_and_health_answer_on_the_gateway_and_the_registry_without_a_token()
    {
        foreach (var folder in new[] { PlatformStack.Gateway, PlatformStack.Registry })
        {
            using var http = Stack.Http(folder, null);
            var metrics = await http.GetStringAsync("/metrics");
            Assert.Contains("http_server_request_duration_seconds", metrics);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);
        }
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_rest_body_is_invalid_argument_naming_the_field()
    {
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.FinanceToken());
        // System.Text.Json cannot decode a lone surrogate and throws InvalidOperationException, once a 500.
        var cases = new[]
        {
            ("""{"code":"130703","name":"\ud800"}""", "name"),
            ("""{"code":"130703","name":"x","\udc00":1}""", "body"),
            ("""{"code":"130703","name":"x","extra":{"a":["\ud800"]}}""", "extra.a[0]"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await rest.PostAsync("/v1/divisions", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} → {(int)response.StatusCode} {text}");
            var json = JsonDocument.Parse(text).RootElement;
            Assert.Equal(3, json.GetProperty("code").GetInt32());
            var violation = json.GetProperty("details")[0].GetProperty("fieldViolations")[0];
            Assert.Equal(field, violation.GetProperty("field").GetString());
            Assert.Contains("代理项", violation.GetProperty("description").GetString());
        }
        Assert.DoesNotContain("130703", await rest.GetStringAsync("/v1/divisions"));
    }

    [Fact]
    public async Task A_route_to_a_service_that_cannot_be_reached_answers_unavailable_not_a_bare_502()
    {
        // The fixture points the gateway's Reporting upstream at a closed port.
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.FinanceToken());
        using var response = await rest.GetAsync("/v1/reports/summary?year=2021");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {text}");
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal(14, json.GetProperty("code").GetInt32());
        Assert.Contains("暂时不可用", json.GetProperty("message").GetString());

        var grpc = new ReportingClient(Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken()));
        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.GetSummaryAsync(new SummaryRequest { Year = 2021 }).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("暂时不可用", error.Status.Detail);
    }

    [Fact]
    public async Task The_access_log_records_the_grpc_status_of_answers_and_errors()
    {
        // A subject of its own, to find this test's lines among the others'.
        var subject = $"finance-log-{Guid.NewGuid():N}";
        var grpc = new RegistryClient(Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken(subject)));
        await grpc.ListDivisionsAsync(new ListDivisionsRequest());
        var missing = await Assert.ThrowsAsync<RpcException>(() => grpc.GetProjectAsync(new GetProjectRequest { ProjectCode = "130636219999999999999" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => grpc.CreateDivisionAsync(new CreateDivisionRequest { Code = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);

        var lines = await AccessLogLinesAsync(subject, count: 3);
        foreach (var expected in new[] { "ListDivisions 200 grpc=0 ", "GetProject 200 grpc=5 ", "CreateDivision 200 grpc=3 " })
            Assert.True(lines.Any(l => l.Contains($"/perfplatform.registry.v1.ProjectRegistry/{expected}")), $"no line with {expected}:\n{string.Join("\n", lines)}");
    }

    /// <summary>The gateway's access-log lines of one subject, once that many have been written (the console logger is asynchronous).</summary>
    private async Task<List<string>> AccessLogLinesAsync(string subject, int count)
    {
        return await Eventually.Until(() => Task.FromResult(Stack[PlatformStack.Gateway].Log.Split('\n').Where(l => l.Contains($"sub={subject} ")).ToList()),
            lines => lines.Count >= count, $"{count} access-log lines for {subject}");
    }

    [Fact]
    public async Task Bytes_that_are_no_protobuf_message_answer_invalid_argument_naming_the_body()
    {
        var raw = Marshallers.Create<byte[]>(b => b, b => b);
        var getProject = new Method<byte[], byte[]>(MethodType.Unary, "perfplatform.registry.v1.ProjectRegistry", "GetProject", raw, raw);
        var invoker = Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken()).CreateCallInvoker();
        // An invalid tag, a length past the end, invalid UTF-8 in project_code: grpc-dotnet decodes before any interceptor runs.
        foreach (var bytes in new byte[][] { [0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0x0A, 0x7F, 0x41], [0x0A, 0x02, 0xC3, 0x28] })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(getProject, null, new CallOptions(), bytes).ResponseAsync);
            Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{Convert.ToHexString(bytes)}: {error.Status}");
            var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations);
            Assert.Equal("body", violation.Field);
            Assert.Contains("protobuf", violation.Description);
        }
    }

    [Fact]
    public async Task An_error_about_a_huge_value_stays_small_and_the_calls_beside_it_on_the_connection_go_on()
    {
        // The message once repeated the 20,000 characters: past the gateway's 64 KB header limit (grpc-message is a header),
        // which failed that call and every other one on the same HTTP/2 connection with UNAVAILABLE.
        var grpc = new RegistryClient(Stack.Channel(PlatformStack.Gateway, Stack.FinanceToken()));
        var huge = new string('县', 20_000);
        var calls = Enumerable.Range(0, 20).Select(async i =>
        {
            if (i % 2 == 1)
            {
                await grpc.ListDivisionsAsync(new ListDivisionsRequest());
                return "";
            }
            var error = await Assert.ThrowsAsync<RpcException>(() => grpc.GetProjectAsync(new GetProjectRequest { ProjectCode = huge }).ResponseAsync);
            return $"{error.StatusCode} {error.Status.Detail.Length} {error.Status.Detail}";
        });
        foreach (var answer in (await Task.WhenAll(calls)).Where(a => a.Length > 0))
        {
            Assert.StartsWith("InvalidArgument ", answer);
            Assert.True(int.Parse(answer.Split(' ')[1]) < 200, answer);
            Assert.Contains("「县县县", answer);
            Assert.Contains("（共 20000 个字符）", answer);
        }
    }

    [Fact]
    public async Task A_path_no_service_owns_answers_not_found()
    {
        using var rest = Stack.Http(PlatformStack.Gateway, Stack.FinanceToken());
        using var response = await rest.GetAsync("/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(5, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
    }
}

public sealed class GatewayLimitTests(TightRateLimitFixture fixture) : IClassFixture<TightRateLimitFixture>
{
    [Fact]
    public async Task A_unit_that_sends_too_fast_is_refused_with_resource_exhausted_and_other_units_are_not()
    {
        var busy = fixture.Stack.DepartmentToken("130636", "434001");
        using var rest = fixture.Stack.Http(PlatformStack.Gateway, busy);
        var refusals = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await rest.GetAsync("/v1/divisions");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refusals.Add(await response.Content.ReadAsStringAsync());
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.NotEmpty(refusals);
        Assert.All(refusals, body =>
        {
            var json = JsonDocument.Parse(body).RootElement;
            Assert.Equal(8, json.GetProperty("code").GetInt32());
            Assert.Contains("访问频率限制", json.GetProperty("message").GetString());
        });

        var grpc = new RegistryClient(fixture.Stack.Channel(PlatformStack.Gateway, busy));
        var codes = new List<StatusCode>();
        for (var i = 0; i < 20; i++)
        {
            try { await grpc.ListDivisionsAsync(new ListDivisionsRequest()); codes.Add(StatusCode.OK); }
            catch (RpcException e) { codes.Add(e.StatusCode); }
        }
        Assert.Contains(StatusCode.ResourceExhausted, codes);
        Assert.DoesNotContain(codes, c => c is not (StatusCode.OK or StatusCode.ResourceExhausted));

        // Another official's token for the same unit draws on the same, drained bucket: the limit is the unit's, not the
        // token's. Four requests stay within a fresh bucket's burst of five, so a refusal shows the bucket is shared.
        using var colleague = fixture.Stack.Http(PlatformStack.Gateway, ServiceDefaults.Auth.DevTokens.Department(
            fixture.Stack.SigningKey, [("130636", "434001")], subject: "another-official-434001"));
        var colleagueStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) colleagueStatuses.Add((await colleague.GetAsync("/v1/divisions")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, colleagueStatuses);

        using var other = fixture.Stack.Http(PlatformStack.Gateway, fixture.Stack.DepartmentToken("130636", "434002"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/divisions")).StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_reaches_a_service()
    {
        using var rest = fixture.Stack.Http(PlatformStack.Gateway, fixture.Stack.FinanceToken("finance-big-body"));
        var big = new string('县', 100_000);
        var response = await rest.PostAsJsonAsync("/v1/divisions", new { code = "130701", name = big });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var reader = fixture.Stack.Http(PlatformStack.Gateway, fixture.Stack.FinanceToken("finance-reader"));
        Assert.DoesNotContain("130701", await reader.GetStringAsync("/v1/divisions"));
    }
}

/// <summary>With Ports__Metrics, /metrics is served there alone, and the public HTTP port no longer answers it.</summary>
public sealed class GatewayMetricsPortTests(MetricsPortFixture fixture) : IClassFixture<MetricsPortFixture>
{
    [Fact]
    public async Task Metrics_answer_on_the_metrics_port_only_and_that_port_answers_nothing_else()
    {
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.MetricsPort}") };
        Assert.Contains("http_server_request_duration_seconds", await metrics.GetStringAsync("/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("/v1/divisions")).StatusCode);

        using var finance = fixture.Stack.Http(PlatformStack.Gateway, fixture.Stack.FinanceToken());
        using var onPublicPort = await finance.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, onPublicPort.StatusCode);
        Assert.DoesNotContain("http_server_request_duration_seconds", await onPublicPort.Content.ReadAsStringAsync());
        // Not by naming the metrics port in the Host header either.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Host = $"127.0.0.1:{fixture.MetricsPort}" } };
        Assert.Equal(HttpStatusCode.NotFound, (await finance.SendAsync(forged)).StatusCode);
        using var anonymous = fixture.Stack.Http(PlatformStack.Gateway, null);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz/live")).StatusCode);
    }
}
