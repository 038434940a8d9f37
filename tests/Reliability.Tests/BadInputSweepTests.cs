using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfPlatform.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// Every REST route and every RPC through the gateway, each with a valid request (accepted unchanged first) of which
/// one field at a time is replaced by malformed, empty, oversized, wrong-typed, out-of-range and injection-shaped
/// values, and whole bodies, paths and messages broken: no 5xx, no UNKNOWN or INTERNAL, every refusal names the field
/// that was changed, and no refused request changes any table of any service (see <see cref="Sweep"/>).
/// PERF_RELIABILITY=full runs rounds of random text in every field and every bad value over gRPC. PERF_SWEEP_ROUTES
/// ("indicator-library,/v1/divisions") narrows the REST sweep to the routes whose "METHOD /path" contains one of its
/// parts, to replay one route's failure quickly; the checks that every route is swept and of the request count are then off.
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
    private static readonly string?[] OtherContentTypes =
        ["application/x-www-form-urlencoded", "text/plain; charset=utf-8", null, "multipart/form-data; boundary=x", "application/xml",
         "application/json; charset=gbk"];
    private static readonly string[] BadCodes = ["x", "13063621", "..%2F..%2Fetc", "%00", "13063621RELIABILITY01%27--", new string('9', 300), "130636216T39PTY2WF09Z"];

    private static readonly string[] BadQueryValues = ["abc", "-1", "99999999999", "<script>", "%27%20OR%201=1", ""];

    private static bool Full => Environment.GetEnvironmentVariable("PERF_RELIABILITY") == "full";

    private static string[] OnlyRoutes =>
        (Environment.GetEnvironmentVariable("PERF_SWEEP_ROUTES") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The malformed requests: each field of each body replaced by each bad value; broken bodies; bad codes in every
    /// path value; bad query values; then rounds of random text in every field, from a fixed seed.
    /// </summary>
    private static IEnumerable<SweepCase> RestCases(IReadOnlyList<SweepRoute> routes, HttpClient http, int rounds)
    {
        foreach (var r in routes)
        {
            if (r.Body is not null)
            {
                var template = JsonNode.Parse(r.Body)!;
                foreach (var path in JsonPaths.All(template))
                foreach (var bad in BadValues)
                    yield return Mutated(r, http, path, bad, MayBeValid(JsonPaths.Get(template, path), bad));
                foreach (var bad in BadBodies)
                    yield return new SweepCase(r, "REST", null, false, bad, () => SendRestAsync(http, r, r.Path(), bad));
                // The valid body under any content type is taken as JSON (curl -d sends form-urlencoded); a form is no JSON.
                foreach (var type in OtherContentTypes)
                {
                    yield return new SweepCase(r, "REST", null, true, $"valid body as {type ?? "no content type"}",
                        () => SendRestAsync(http, r, r.Path(), BodyText(r.FreshBody()), type)) { MustBeAccepted = true };
                    yield return new SweepCase(r, "REST", null, false, $"a=1&b=2 as {type ?? "no content type"}",
                        () => SendRestAsync(http, r, r.Path(), "a=1&b=2", type));
                }
            }
            foreach (var placeholder in r.Placeholders)
            foreach (var code in BadCodes)
                yield return new SweepCase(r, "REST", placeholder, false, code, () => SendRestAsync(http, r, r.Path(placeholder, code), BodyText(r.FreshBody())))
                {
                    NulInPath = code == "%00",
                };
            foreach (var (key, _) in r.Query)
            foreach (var bad in BadQueryValues)
                yield return new SweepCase(r, "REST", key, false, $"{key}={bad}", () => SendRestAsync(http, r, r.Path(queryKey: key, queryValue: bad), BodyText(r.FreshBody())));
        }
        var random = new Random(20211231);
        for (var round = 1; round < rounds; round++)
            foreach (var r in routes.Where(x => x.Body is not null))
                foreach (var path in JsonPaths.All(JsonNode.Parse(r.Body!)!))
                {
                    var text = JsonValue.Create(new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(0x20, 0x9FFF)).ToArray()));
                    yield return Mutated(r, http, path, text, MayBeValid(JsonPaths.Get(JsonNode.Parse(r.Body!)!, path), text));
                }
    }

    private static SweepCase Mutated(SweepRoute r, HttpClient http, string path, JsonNode? bad, bool mayBeValid) =>
        new(r, "REST", path, mayBeValid, $"{path}={bad?.ToJsonString()}", () =>
        {
            var body = r.FreshBody()!;
            JsonPaths.Set(body, path, bad?.DeepClone());
            return SendRestAsync(http, r, r.Path(), BodyText(body));
        });

    /// <summary>Text in a text field, a whole number in a number field, an empty list or object may be valid; nothing else can be.</summary>
    private static bool MayBeValid(JsonNode? original, JsonNode? bad) =>
        (original?.GetValueKind(), bad?.GetValueKind()) switch
        {
            (JsonValueKind.String, JsonValueKind.String) => bad!.GetValue<string>() is var s && !s.Contains('\0') && s != LoneSurrogateMarker && s.Length <= 1000,
            (JsonValueKind.Number, JsonValueKind.Number) => long.TryParse(bad!.ToJsonString(), out _),
            // An empty list or an object of defaults is the same as none in proto3, which a request may leave out.
            (JsonValueKind.Array, JsonValueKind.Array) or (JsonValueKind.Object, JsonValueKind.Object) => true,
            _ => false,
        };

    private static string? BodyText(JsonNode? body) => body is null ? null : Text(body);

    private static async Task<Outcome> SendRestAsync(HttpClient http, SweepRoute route, string path, string? body,
        string? contentType = "application/json; charset=utf-8")
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        request.Headers.Authorization = new("Bearer", route.Token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return RestOutcome(route, (int)response.StatusCode, text);
    }

    /// <summary>
    /// A 5xx is a failure whatever the request; any other error must be a JSON body with its code and message (a 400
    /// included), and names the fields of its field violations and precondition subjects; the treasury batch answers
    /// 200 with committed false and an error per bad row, each naming its field.
    /// </summary>
    private static Outcome RestOutcome(SweepRoute route, int status, string text)
    {
        if (status >= 500) return new Outcome(false, status, "", [], text, $"server error {status}");
        JsonNode? json = null;
        try { json = JsonNode.Parse(text); }
        catch (JsonException) { }
        if (status is >= 200 and < 300)
        {
            if (route.Committed(json)) return new Outcome(true, 0, "", [], text);
            var errors = json?["errors"]?.AsArray() ?? [];
            // A row error names its field within the row; the row's index makes it a field of the request.
        var fields = errors.Select(e => e?["field"]?.GetValue<string>() is { Length: > 0 } f ? $"rows[{e?["row"]?.ToString() ?? "0"}].{f}" : "").ToList();
            return new Outcome(false, 3, string.Join("；", errors.Select(e => e?["message"]?.GetValue<string>())), fields, text,
                errors.Count == 0 || fields.Any(f => f.Length == 0) ? "a batch refused without an error naming the field of each bad row" : null);
        }
        if (json is not JsonObject error || error["code"]?.GetValueKind() != JsonValueKind.Number || error["message"]?.GetValueKind() != JsonValueKind.String)
            return new Outcome(false, status, "", [], text, $"HTTP {status} without a JSON body with code and message");
        var named = (error["details"] as JsonArray ?? []).SelectMany(d =>
            (d?["fieldViolations"] as JsonArray ?? []).Select(v => v?["field"]?.GetValue<string>())
            .Concat((d?["violations"] as JsonArray ?? []).Select(v => v?["subject"]?.GetValue<string>())))
            .OfType<string>().ToList();
        return new Outcome(false, error["code"]!.GetValue<int>(), error["message"]!.GetValue<string>(), named, text);
    }

    [Fact]
    public async Task Malformed_rest_requests_never_fail_the_server_always_name_the_field_and_change_nothing()
    {
        var routes = await RoutesAsync();
        if (OnlyRoutes.Length == 0) AssertEveryRestRouteIsSwept(routes);
        else routes = routes.Where(r => OnlyRoutes.Any(part => r.Name.Contains(part, StringComparison.Ordinal))).ToList();
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Stack[PlatformStack.Gateway].HttpAddress), Timeout = TimeSpan.FromSeconds(60) };
        var cases = RestCases(routes, http, Full ? 150 : 1).ToList();
        var sweep = new Sweep(fixture.Stack);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await sweep.RunAsync(routes, cases, r => SendRestAsync(http, r, r.Path(), BodyText(r.FreshBody())));
        output.WriteLine($"{cases.Count} malformed requests on {routes.Count} routes, {sweep.Sent} sent in {clock.Elapsed.TotalSeconds:0} s " +
                         $"(those that may be valid and were refused, twice); answers: {sweep.Codes}");
        foreach (var failure in sweep.Failures.Order(StringComparer.Ordinal)) output.WriteLine(failure);
        if (sweep.Failures.Any(f => f.Contains("Unavailable"))) output.WriteLine(Sweep.Clip(fixture.Stack[PlatformStack.Gateway].Log, 6000));
        Assert.True(sweep.Failures.Count == 0, $"{sweep.Failures.Count} failures:\n" + string.Join("\n", sweep.Failures.Take(60)));
        if (OnlyRoutes.Length == 0) Assert.True(cases.Count >= (Full ? 10_000 : 2_000), $"only {cases.Count} requests");
    }

    private static void AssertEveryRestRouteIsSwept(IReadOnlyList<SweepRoute> routes)
    {
        var templates = Directory.GetFiles(Path.Combine(TestEnvironment.RepoRoot, "protos"), "*.proto", SearchOption.AllDirectories)
            .SelectMany(f => RestRule().Matches(File.ReadAllText(f)))
            .Select(m => $"{m.Groups[1].Value.ToUpperInvariant()} {m.Groups[2].Value}").ToList();
        Assert.True(templates.Count >= 37, $"only {templates.Count} routes found in the protos");
        var missed = templates.Except(routes.Select(r => r.Name)).ToList();
        Assert.True(missed.Count == 0, "not swept: " + string.Join(", ", missed));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(get|post|put|patch|delete): ""(/v1/[^""]+)""")]
    private static partial System.Text.RegularExpressions.Regex RestRule();

}
