using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// One REST route (and the RPC behind it) with a valid request about entities of its own, kept valid however many
/// mutations of it are tried, so that a refusal can only be caused by the mutation.
/// </summary>
public sealed partial class SweepRoute
{
    public required string Method { get; init; }

    /// <summary>The path with {proto_field} placeholders, then the query: "/v1/projects/{project_code}?asOf=2021-07-01".</summary>
    public required string Template { get; init; }

    public string? Body { get; init; }

    public required string Token { get; init; }

    /// <summary>The placeholders' values; a route whose entity moves on (a review action) gets a new one from <see cref="Restore"/>.</summary>
    public Dictionary<string, string> Values { get; init; } = new();

    /// <summary>Body fields (JSON names, dotted) that must be new for each request (a code, a voucher) or current (a version).</summary>
    public Dictionary<string, Func<JsonNode?>> Fresh { get; init; } = new();

    /// <summary>
    /// After an accepted request: brings the route back to a state in which its base request is valid again (a new
    /// project in the right workflow state, the version just answered). Such a route's requests that may be accepted
    /// are sent one at a time.
    /// </summary>
    public Func<JsonNode?, Task>? Restore { get; init; }

    /// <summary>Whether a 200 answer means the request was taken (the treasury batch answers 200 with its row errors).</summary>
    public Func<JsonNode?, bool> Committed { get; init; } = _ => true;

    /// <summary>Whether the route may store anything: every method but GET, except the stateless target linter.</summary>
    public bool Stores { get; init; } = true;

    public bool IsWrite => Method != "GET" && Stores;

    public string Route => Template.Split('?')[0];

    public string Name => $"{Method} {Route}";

    public IEnumerable<string> Placeholders => Placeholder().Matches(Route).Select(m => m.Groups[1].Value);

    public IEnumerable<(string Key, string Value)> Query =>
        Template.Contains('?') ? Template[(Template.IndexOf('?') + 1)..].Split('&').Select(kv => (kv.Split('=')[0], kv.Split('=')[1])) : [];

    /// <summary>The path and query with the placeholders filled, one value replaced when given.</summary>
    public string Path(string? placeholder = null, string? value = null, string? queryKey = null, string? queryValue = null)
    {
        var path = Placeholder().Replace(Route, m => m.Groups[1].Value == placeholder ? value! : Values[m.Groups[1].Value]);
        var query = Query.Select(q => $"{q.Key}={(q.Key == queryKey ? queryValue : q.Value)}").ToList();
        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    /// <summary>The base body with its fresh and current fields set.</summary>
    public JsonNode? FreshBody()
    {
        if (Body is null) return null;
        var body = JsonNode.Parse(Body)!;
        foreach (var (path, value) in Fresh) JsonPaths.Set(body, path, value());
        return body;
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>Dotted paths into JSON ("indicators.0.target"): every leaf and object or array of a body, and setting one.</summary>
public static class JsonPaths
{
    public static IEnumerable<string> All(JsonNode node, string prefix = "") => node switch
    {
        JsonObject o => o.SelectMany(kv => new[] { prefix + kv.Key }.Concat(kv.Value is null ? [] : All(kv.Value, prefix + kv.Key + "."))),
        JsonArray a => a.Count > 0 && a[0] is { } first ? new[] { prefix + "0" }.Concat(All(first, prefix + "0.")) : [],
        _ => [],
    };

    public static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.')) node = int.TryParse(part, out var i) ? node?[i] : node?[part];
        return node;
    }

    public static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = root;
        foreach (var part in parts[..^1]) parent = int.TryParse(part, out var i) ? parent[i]! : parent[part]!;
        if (int.TryParse(parts[^1], out var index)) parent[index] = value;
        else parent[parts[^1]] = value;
    }
}
