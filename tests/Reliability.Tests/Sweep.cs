using System.Collections.Concurrent;
using PerfPlatform.TestSupport;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// One malformed request. Field: the one field it changed (a body field, a path or query value, a proto field path),
/// or null when the whole request is broken (a body that is not JSON, bytes that are not protobuf). MayBeAccepted: the
/// value could be a valid one (text in a text field, a number in a number field), so a write route may take it.
/// </summary>
public sealed record SweepCase(SweepRoute Route, string Transport, string? Field, bool MayBeAccepted, string Shown, Func<Task<Outcome>> Send)
{
    /// <summary>A broken request must name some field ("body"), except raw bytes that are no message at all.</summary>
    public bool RequiresField { get; init; } = true;

    /// <summary>
    /// A path segment of %00. Kestrel decodes the request target while parsing the request line and refuses one holding NUL
    /// ("The path contains null characters") with a bare 400 before any middleware runs; it has no hook to answer otherwise
    /// (its parser cannot be replaced), so that 400 is accepted here, and only here.
    /// </summary>
    public bool NulInPath { get; init; }

    /// <summary>A valid request sent differently (a JSON body under another content type): it must be taken.</summary>
    public bool MustBeAccepted { get; init; }
}

/// <summary>
/// An answer: taken, or refused with its gRPC code (REST: the JSON body's code), its message and every field it names
/// (field violations, precondition subjects, row errors). Problem: what is wrong with it whatever the request was.
/// </summary>
public sealed record Outcome(bool Accepted, int Code, string Message, IReadOnlyList<string> Named, string Raw, string? Problem = null);

/// <summary>
/// Runs malformed requests in three phases so that "nothing stored changes" can be checked around refused requests
/// only. First every route's base request once, which must be accepted. A: the requests that cannot be valid, and all
/// reads; every one must be refused (or, for reads, answered) and the stored state be the same after as before.
/// B: the requests that may be valid; a write route's are sent one at a time and the route restored after each one
/// taken. C: B's refused requests again, which must be refused again, with the state unchanged around them.
/// </summary>
public sealed class Sweep(PlatformStack stack)
{
    private readonly ConcurrentBag<string> _failures = new();
    private readonly ConcurrentDictionary<string, int> _codes = new();
    private int _sent;

    public IReadOnlyCollection<string> Failures => _failures;
    public int Sent => _sent;
    public string Codes => string.Join(", ", _codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}×{c.Value}"));

    // Fields that address an entity or its version: a well-formed value there may name one that does not exist, belongs
    // to another unit or has moved on, and NOT_FOUND, PERMISSION_DENIED, ABORTED or FAILED_PRECONDITION is then the answer.
    private static readonly HashSet<string> Keys =
    [
        "code", "divisioncode", "departmentcode", "unitcode", "projectcode", "version", "id", "indicatorindex", "revision", "year",
        "entitytype", "entitykey", "pagetoken",
    ];

    // A hang detector, not a speed limit: every answer comes in well under a second.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(90);

    public async Task RunAsync(IReadOnlyList<SweepRoute> routes, IReadOnlyList<SweepCase> cases, Func<SweepRoute, Task<Outcome>> sendBase)
    {
        foreach (var route in routes)
        {
            var outcome = await sendBase(route).WaitAsync(HangGuard);
            Count("base", outcome);
            if (!outcome.Accepted) _failures.Add($"{route.Name}: the valid base request was refused: {Clip(outcome.Raw, 300)}");
            else if (route.Restore is { } restore) await restore(System.Text.Json.Nodes.JsonNode.Parse(outcome.Raw));
        }
        if (!_failures.IsEmpty) return;

        var before = await StoredState.SettledAsync(stack);
        var cannotBeValid = cases.Where(c => !c.MayBeAccepted || !c.Route.IsWrite).ToList();
        await Parallel.ForEachAsync(cannotBeValid, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
        {
            var outcome = await SendAsync(c);
            if (outcome.Accepted && c.Route.IsWrite) Fail(c, outcome, "a value that cannot be valid was accepted");
        });
        var afterA = await StoredState.SettledAsync(stack);
        if (StoredState.Diff(before, afterA) is { Length: > 0 } changed)
            _failures.Add($"refused requests changed what is stored: {changed}");

        var refused = new ConcurrentBag<SweepCase>();
        var mayBeValid = cases.Where(c => c.MayBeAccepted && c.Route.IsWrite).GroupBy(c => c.Route).ToList();
        await Parallel.ForEachAsync(mayBeValid, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (group, _) =>
        {
            foreach (var c in group)
            {
                var outcome = await SendAsync(c);
                if (!outcome.Accepted) refused.Add(c);
                else if (c.Route.Restore is { } restore) await restore(System.Text.Json.Nodes.JsonNode.Parse(outcome.Raw));
            }
        });

        var beforeC = await StoredState.SettledAsync(stack);
        await Parallel.ForEachAsync(refused, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
        {
            var outcome = await SendAsync(c);
            if (outcome.Accepted) Fail(c, outcome, "refused the first time, accepted the second");
        });
        var afterC = await StoredState.SettledAsync(stack);
        if (StoredState.Diff(beforeC, afterC) is { Length: > 0 } changedC)
            _failures.Add($"refused requests (sent again) changed what is stored: {changedC}");
    }

    private async Task<Outcome> SendAsync(SweepCase c)
    {
        Outcome outcome;
        try { outcome = await c.Send().WaitAsync(HangGuard); }
        catch (TimeoutException)
        {
            outcome = new Outcome(false, -1, "", [], "", $"no answer within {HangGuard.TotalSeconds} s (hang)");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            outcome = new Outcome(false, -1, e.Message, [], "", "the connection failed: " + e.GetType().Name);
        }
        Interlocked.Increment(ref _sent);
        Count(c.Transport, outcome);
        if (Judge(c, outcome) is { } problem) Fail(c, outcome, problem);
        return outcome;
    }

    private void Count(string transport, Outcome outcome) =>
        _codes.AddOrUpdate($"{transport} {(outcome.Accepted ? "OK" : ((Grpc.Core.StatusCode)outcome.Code).ToString())}", 1, (_, n) => n + 1);

    private void Fail(SweepCase c, Outcome outcome, string problem) =>
        _failures.Add($"{c.Transport} {c.Route.Name} [{c.Field ?? "whole request"}] {Clip(c.Shown, 120)} → {outcome.Code} {Clip(outcome.Raw, 240)}: {problem}");

    public static string? Judge(SweepCase c, Outcome o)
    {
        if (c.NulInPath && o is { Accepted: false, Code: 400, Raw.Length: 0 }) return null;
        if (o.Problem is not null) return o.Problem;
        if (o.Accepted) return null;
        if (c.MustBeAccepted) return "a valid request was refused";
        if (o.Code is 2 or 13) return "UNKNOWN or INTERNAL";
        if (o.Message.Length == 0) return "a refusal without a message";
        if (c.Field is null)
            return !c.RequiresField || (o.Code == 3 && o.Named.Any(n => n.Length > 0)) ? null : "a broken request refused without naming a field";
        if (o.Named.Any(n => Names(n, c.Field))) return null;
        if (o.Code == 3) return $"INVALID_ARGUMENT names [{string.Join(", ", o.Named)}], not {c.Field}";
        if (IsKey(c.Field) && o.Code is 5 or 6 or 7 or 9 or 10) return null;
        return $"refused ({(Grpc.Core.StatusCode)o.Code}) without naming {c.Field}, the only field changed";
    }

    /// <summary>
    /// Whether a named field path ("project.budget.total_fen", "rows[0].voucher_id") is the changed field or contains it:
    /// one of its segments is the changed field's last name ("budget.totalFen" → totalFen; "goals.0" → goals).
    /// </summary>
    public static bool Names(string named, string field) =>
        Names(Segments(named), Segments(field)) || Names(Segments(named, strip: true), Segments(field, strip: true));

    private static bool Names(List<string> named, List<string> field)
    {
        if (named.Count == 0 || field.Count == 0) return false;
        if (named.Contains(field[^1]) || SumRules.TryGetValue(field[^1], out var total) && named.Contains(total)) return true;
        // A rule about a list or an object as a whole ("the checkpoints must be 3, 6, 10 and 12") may name it rather than the item.
        return named.Count < field.Count && field.Take(named.Count).SequenceEqual(named);
    }

    // A budget's parts must add up to its total: a wrong part is reported on the total (预算数应等于财政资金与其他资金之和).
    private static readonly Dictionary<string, string> SumRules = new() { ["fiscalfen"] = "totalfen", ["otherfen"] = "totalfen" };

    /// <summary>
    /// A field path's names without item indexes ("goals.0" and "goals[0]" are both [goals]); stripped, also without the
    /// project wrapper of the REST body, which sends "budget.totalFen" for the RPC's "project.budget.total_fen".
    /// </summary>
    private static List<string> Segments(string path, bool strip = false)
    {
        var names = path.Split('.', '[', ']').Where(s => s.Length > 0 && !s.All(char.IsDigit)).Select(Normalise).ToList();
        return strip && names is ["project", _, ..] ? names[1..] : names;
    }

    private static bool IsKey(string field) => Keys.Contains(Segments(field)[^1]);

    private static string Normalise(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    public static string Clip(string text, int length) => text.Length > length ? text[..length] + "…" : text;
}
