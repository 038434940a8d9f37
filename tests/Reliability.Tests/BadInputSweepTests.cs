using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using Xunit;
using Xunit.Abstractions;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// Every REST resource through the gateway, with every field replaced by malformed, empty, oversized, wrong-typed,
/// out-of-range and injection-shaped values, and whole bodies and paths broken: no 5xx, no UNKNOWN or INTERNAL, every
/// INVALID_ARGUMENT names its field, and what was stored before is unchanged after. PERF_RELIABILITY=full runs more rounds.
/// </summary>
public sealed partial class BadInputSweepTests(PlatformFixture fixture, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    private static readonly JsonNode?[] BadValues =
    [
        JsonValue.Create(123), JsonValue.Create(-1), JsonValue.Create(1.5), JsonValue.Create(true), new JsonArray(), new JsonObject(),
        JsonValue.Create("abc"), JsonValue.Create(new string('县', 20_000)), JsonValue.Create("99999999999999999999"),
        JsonNode.Parse("99999999999999999999999999"), JsonValue.Create("' OR '1'='1' --"), JsonValue.Create("<script>alert(1)</script>"),
        JsonValue.Create("../../etc/passwd"), JsonValue.Create("\u0000\u0001"), JsonValue.Create("%s%s%n"), JsonValue.Create("😀\u202e"),
        JsonValue.Create("${jndi:ldap://127.0.0.1/x}"), JsonValue.Create("; DROP TABLE projects; --"), JsonValue.Create(-9223372036854775808),
        JsonValue.Create(LoneSurrogateMarker),
    ];

    // A lone UTF-16 surrogate ("\ud800" in the raw body) cannot live in a JsonNode: a marker stands for it until the body is text.
    private const string LoneSurrogateMarker = "lone-surrogate-d800";

    private static string Text(JsonNode body) => body.ToJsonString().Replace($"\"{LoneSurrogateMarker}\"", "\"\\ud800\"");

    private static readonly string[] BadBodies =
        ["", "{", "[]", "null", "123", "\"text\"", "{\"a\":", "\u0000", new string('[', 5000), "{\"year\":}", "{\"\\ud800\":1}", "{\"x\":[\"\\udc00\"]}"];
    private static readonly string[] BadCodes = ["x", "13063621", "..%2F..%2Fetc", "%00", "13063621RELIABILITY01%27--", new string('9', 300), "130636216T39PTY2WF09Z"];

    private sealed record Endpoint(string Method, string Path, string? Body, string Token);

    private List<Endpoint> Endpoints()
    {
        var finance = fixture.Stack.FinanceToken();
        var own = fixture.Stack.DepartmentToken(PlatformFixture.Division, PlatformFixture.OwnUnit);
        const string p = PlatformFixture.Project;
        const string missing = "13063621NOSUCHPROJECT";
        return
        [
            new("POST", "/v1/divisions", """{"code":"130636","name":"另一个名称"}""", finance),
            new("POST", "/v1/divisions/130636/departments", """{"code":"434","name":"另一个名称"}""", finance),
            new("POST", "/v1/divisions/130636/units", """{"code":"434001","departmentCode":"434","name":"另一个名称"}""", finance),
            new("PUT", "/v1/divisions/130636/departments/999/years/2021/goals", """{"overallGoal":"x","itemGoals":["a"],"safeguardMeasures":"y"}""", finance),
            new("POST", "/v1/divisions/130636/units/434001/projects",
                """{"code":"13063621RELIABILITY01","year":2021,"name":"另一个名称","purpose":"p","goals":["g"],"budget":{"totalFen":100,"fiscalFen":100,"otherFen":0}}""", finance),
            new("PATCH", $"/v1/projects/{p}", """{"version":999,"name":"新名称","purpose":"p","goals":["g"],"budget":{"totalFen":100,"fiscalFen":100,"otherFen":0}}""", finance),
            new("POST", $"/v1/projects/{missing}:submit", """{"version":1,"comment":"c"}""", finance),
            new("POST", $"/v1/projects/{missing}:return", """{"version":1,"comment":"c"}""", finance),
            new("PUT", $"/v1/projects/{p}/indicators",
                """{"version":999,"indicators":[{"level1":"产出指标","level2":"数量指标","name":"n","description":"d","target":"≥1台","basis":"b"}]}""", finance),
            new("POST", $"/v1/projects/{missing}/indicators:recordActuals", """{"period":"mid_year","values":[{"indicatorIndex":0,"value":"1人"}]}""", finance),
            new("POST", "/v1/targets:lint", """{"budgetYear":2021,"indicators":[{"level1":"产出指标","level2":"数量指标","name":"n","target":"≥1台","basis":"b"}],"budgetFen":100}""", finance),
            new("POST", "/v1/indicator-library", """{"level1":"产出指标","level2":"数量指标","name":"n","description":"d","recommendedUnit":"人","direction":"DIRECTION_HIGHER"}""", own),
            new("POST", $"/v1/projects/{p}/disbursements", """{"voucherId":"V-1","date":"2021-05-01","amountFen":100,"fundSource":"fiscal","note":"n"}""", own),
            new("POST", "/v1/disbursements:batch", $$"""{"rows":[{"projectCode":"{{missing}}","voucherId":"V-1","date":"2021-05-01","amountFen":100,"fundSource":"fiscal"}]}""", finance),
            new("GET", "/v1/reports/summary?year=2021&groupBy=unit&orderBy=-budget&page.pageSize=10", null, finance),
            new("GET", $"/v1/projects/{p}/execution?asOf=2021-07-01", null, finance),
            new("GET", "/v1/warnings?year=2021&divisionCode=130636", null, finance),
            new("GET", "/v1/divisions/130636/units/434001/projects?year=2021&page.pageSize=10", null, finance),
            new("GET", "/v1/indicator-library?query=x&page.pageSize=10", null, finance),
            new("POST", $"/v1/projects/{missing}:approve", """{"version":1,"comment":"c"}""", finance),
            new("POST", $"/v1/projects/{missing}:adjust", """{"version":1,"comment":"c"}""", finance),
            new("PUT", $"/v1/projects/{missing}/spending-plan", """{"checkpoints":[{"month":3,"cumulativeBp":1000,"label":"3月底"},{"month":12,"cumulativeBp":10000}]}""", finance),
            new("PATCH", "/v1/indicator-library/00000000-0000-0000-0000-000000000000",
                """{"version":999,"level1":"产出指标","level2":"数量指标","name":"n","description":"d","recommendedUnit":"人","direction":"DIRECTION_HIGHER"}""", finance),
            new("GET", "/v1/divisions", null, own),
            new("GET", "/v1/divisions/130636/departments", null, own),
            new("GET", "/v1/divisions/130636/departments/434/years/2021/goals", null, own),
            new("GET", "/v1/divisions/130636/units?departmentCode=434", null, own),
            new("GET", "/v1/divisions/130636/units/434001/overview?year=2021", null, own),
            new("GET", "/v1/divisions/130636/units/434001/years/2021/target-document?format=text", null, own),
            new("GET", "/v1/frameworks?year=2021", null, own),
            new("GET", $"/v1/projects/{p}", null, own),
            new("GET", $"/v1/projects/{p}/audit?page.pageSize=10", null, finance),
            new("GET", $"/v1/projects/{p}/disbursements?page.pageSize=10", null, own),
            new("GET", $"/v1/projects/{p}/indicators", null, own),
            new("GET", $"/v1/projects/{p}/revisions/1", null, own),
            new("GET", $"/v1/projects/{p}/spending-plan", null, own),
            new("GET", "/v1/reports/warnings?year=2021&divisionCode=130636", null, finance),
            new("GET", "/v1/audit?entityType=unit&entityKey=130636/434001&page.pageSize=10", null, finance),
        ];
    }

    // The codes in a path, each to be replaced by every bad code: project, division, unit, department and year segments.
    private static readonly string[] PathCodes =
        [PlatformFixture.Project, "13063621NOSUCHPROJECT", "130636", "434001", "434", "2021", "00000000-0000-0000-0000-000000000000"];

    /// <summary>The mutated requests: each field of each body replaced by each bad value; broken bodies; bad codes; bad query values.</summary>
    private IEnumerable<(Endpoint Endpoint, string Path, string? Body)> Cases(int rounds)
    {
        var random = new Random(20211231);
        foreach (var e in Endpoints())
        {
            if (e.Body is not null)
            {
                foreach (var path in Paths(JsonNode.Parse(e.Body)!, ""))
                foreach (var bad in BadValues)
                {
                    var body = JsonNode.Parse(e.Body)!;
                    Set(body, path, bad?.DeepClone());
                    yield return (e, e.Path, Text(body));
                }
                foreach (var bad in BadBodies) yield return (e, e.Path, bad);
            }
            var route = e.Path.Split('?')[0];
            foreach (var segment in PathCodes.Where(s => System.Text.RegularExpressions.Regex.IsMatch(route, $@"/{s}(?=/|:|$)")))
                foreach (var code in BadCodes)
                    yield return (e, System.Text.RegularExpressions.Regex.Replace(route, $@"/{segment}(?=/|:|$)", "/" + code) + e.Path[route.Length..], e.Body);
            if (e.Path.Contains('?'))
                foreach (var bad in new[] { "abc", "-1", "99999999999", "<script>", "%27%20OR%201=1", "" })
                    foreach (var key in e.Path[(e.Path.IndexOf('?') + 1)..].Split('&').Select(kv => kv.Split('=')[0]))
                        yield return (e, System.Text.RegularExpressions.Regex.Replace(e.Path, $@"([?&]){System.Text.RegularExpressions.Regex.Escape(key)}=[^&]*", $"$1{key}={bad}"), e.Body);
        }
        // Further rounds: random strings in random fields, from a fixed seed.
        for (var round = 1; round < rounds; round++)
            foreach (var e in Endpoints().Where(x => x.Body is not null))
                foreach (var path in Paths(JsonNode.Parse(e.Body!)!, ""))
                {
                    var body = JsonNode.Parse(e.Body!)!;
                    Set(body, path, JsonValue.Create(new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x20, 0x9FFF)).ToArray())));
                    yield return (e, e.Path, body.ToJsonString());
                }
    }

    [Fact]
    public async Task Malformed_requests_never_fail_the_server_always_name_the_field_and_change_nothing()
    {
        var rounds = Environment.GetEnvironmentVariable("PERF_RELIABILITY") == "full" ? 150 : 8;
        var before = await SnapshotAsync();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var cases = Cases(rounds).ToList();
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Stack[PlatformStack.Gateway].HttpAddress), Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(c.Endpoint.Method), c.Path);
            request.Headers.Authorization = new("Bearer", c.Endpoint.Token);
            if (c.Body is not null) request.Content = new StringContent(c.Body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            var problem = Judge(response.StatusCode, text);
            if (problem is not null) failures.Add($"{c.Endpoint.Method} {Clip(c.Path)} {Clip(c.Body ?? "")} → {(int)response.StatusCode} {Clip(text)}: {problem}");
        });
        output.WriteLine($"{cases.Count} requests; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.Equal(before, await SnapshotAsync());
        Assert.True(cases.Count >= 2000, $"only {cases.Count} requests");
    }

    [Fact]
    public void The_sweep_covers_every_rest_route_of_every_service()
    {
        var routes = Directory.GetFiles(Path.Combine(TestEnvironment.RepoRoot, "protos"), "*.proto", SearchOption.AllDirectories)
            .SelectMany(f => HttpRule().Matches(File.ReadAllText(f)))
            .Select(m => (Method: m.Groups[1].Value.ToUpperInvariant(), Template: m.Groups[2].Value)).ToList();
        Assert.True(routes.Count >= 37, $"only {routes.Count} routes found in the protos");
        var swept = Endpoints().Select(e => (e.Method, Path: e.Path.Split('?')[0])).ToList();
        var missed = routes.Where(r =>
        {
            var pattern = "^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(r.Template), @"\\\{\w+}", "[^/:?]+") + "$";
            return !swept.Any(s => s.Method == r.Method && System.Text.RegularExpressions.Regex.IsMatch(s.Path, pattern));
        }).Select(r => $"{r.Method} {r.Template}").ToList();
        Assert.True(missed.Count == 0, "not swept: " + string.Join(", ", missed));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(get|post|put|patch|delete): ""(/v1/[^""]+)""")]
    private static partial System.Text.RegularExpressions.Regex HttpRule();

    [Fact]
    public async Task Malformed_grpc_requests_are_invalid_argument_with_fields_never_unknown()
    {
        var channel = fixture.Gateway(fixture.Stack.FinanceToken());
        var calls = new Func<Task>[]
        {
            () => new RegistryClient(channel).CreateProjectAsync(new CreateProjectRequest { DivisionCode = "x", UnitCode = "y", Project = new Project { Year = -5 } }).ResponseAsync,
            () => new RegistryClient(channel).GetProjectAsync(new GetProjectRequest { ProjectCode = "'; DROP TABLE projects; --" }).ResponseAsync,
            () => new RegistryClient(channel).ListProjectsAsync(new ListProjectsRequest { DivisionCode = "130636", UnitCode = "434001", Page = new() { PageSize = -1 } }).ResponseAsync,
            () => new CatalogueClient(channel).PutIndicatorSetAsync(new PutIndicatorSetRequest { ProjectCode = PlatformFixture.Project, Indicators = { new Indicator() } }).ResponseAsync,
            () => new CatalogueClient(channel).LintTargetsAsync(new LintTargetsRequest { BudgetYear = 1 }).ResponseAsync,
            () => new DisbursementClient(channel).RecordDisbursementAsync(new() { ProjectCode = PlatformFixture.Project, VoucherId = new string('v', 500) }).ResponseAsync,
            () => new DisbursementClient(channel).GetExecutionAsync(new() { ProjectCode = PlatformFixture.Project, AsOf = "2021-02-30" }).ResponseAsync,
            () => new ReportingClient(channel).GetSummaryAsync(new() { Year = 2021, GroupBy = "<script>" }).ResponseAsync,
            () => new ReportingClient(channel).GetTargetDocumentAsync(new() { DivisionCode = "1", UnitCode = "2", Year = 2021, Format = "pdf" }).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.NotEmpty(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        }
    }

    private static string? Judge(HttpStatusCode status, string body)
    {
        if ((int)status >= 500) return "server error";
        if (status == HttpStatusCode.OK) return null;
        // A request line the HTTP server itself refuses (a NUL in the path) gets its bare 400 before any API code runs.
        if (status == HttpStatusCode.BadRequest && body.Length == 0) return null;
        JsonElement json;
        try { json = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? null : "error body is not JSON"; }
        var code = json.TryGetProperty("code", out var c) ? c.GetInt32() : -1;
        if (code is 2 or 13) return "UNKNOWN or INTERNAL";
        if (code != 3) return null;
        var named = json.TryGetProperty("details", out var details) && details.EnumerateArray().Any(d =>
            d.TryGetProperty("fieldViolations", out var v) && v.EnumerateArray().Any(f => f.GetProperty("field").GetString() is { Length: > 0 }));
        return named ? null : "INVALID_ARGUMENT without a field";
    }

    private async Task<string> SnapshotAsync()
    {
        var channel = fixture.Gateway(fixture.Stack.FinanceToken());
        var project = await new RegistryClient(channel).GetProjectAsync(new GetProjectRequest { ProjectCode = PlatformFixture.Project });
        var indicators = await new CatalogueClient(channel).GetIndicatorSetAsync(new GetIndicatorSetRequest { ProjectCode = PlatformFixture.Project });
        var plan = await new DisbursementClient(channel).GetSpendingPlanAsync(new() { ProjectCode = PlatformFixture.Project });
        var paid = await new DisbursementClient(channel).ListDisbursementsAsync(new() { ProjectCode = PlatformFixture.Project });
        var divisions = await new RegistryClient(channel).ListDivisionsAsync(new ListDivisionsRequest());
        var units = await new RegistryClient(channel).ListUnitsAsync(new ListUnitsRequest { DivisionCode = PlatformFixture.Division });
        var library = await new CatalogueClient(channel).SearchLibraryAsync(new SearchLibraryRequest { Page = new() { PageSize = 500 } });
        return string.Join("\n", project, indicators, plan, paid.SpentFen, paid.Disbursements.Count, divisions, units, library.Page.TotalSize);
    }

    private static IEnumerable<string> Paths(JsonNode node, string prefix) => node switch
    {
        JsonObject o => o.SelectMany(kv => new[] { prefix + kv.Key }.Concat(kv.Value is null ? [] : Paths(kv.Value, prefix + kv.Key + "."))),
        JsonArray a => a.Count > 0 && a[0] is { } first ? Paths(first, prefix + "0.") : [],
        _ => [],
    };

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = root;
        foreach (var part in parts[..^1]) parent = int.TryParse(part, out var i) ? parent[i]! : parent[part]!;
        if (int.TryParse(parts[^1], out var index)) parent[index] = value;
        else parent[parts[^1]] = value;
    }

    private static string Clip(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
