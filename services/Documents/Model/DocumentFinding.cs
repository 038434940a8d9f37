namespace PerfPlatform.Documents.Model;

public enum FindingSeverity { Info, Warning, Error }

/// <summary>
/// A problem found in a document: where (1-based line, 0 for the whole document), which check, how bad, and what to do.
/// <see cref="Location"/> names the place in a Word or Excel source ("表 3 第 7 行"); null for text, whose line is its place.
/// </summary>
public sealed record DocumentFinding(int Line, string Code, FindingSeverity Severity, string Message, string? ProjectCode = null,
    string? Location = null)
{
    /// <summary>Where a person finds it: the source's place, else "第 N 行", else "" for the whole document.</summary>
    public string Place => Location ?? (Line > 0 ? $"第 {Line} 行" : "");
}

public sealed record ParseResult(TargetDocument Document, IReadOnlyList<DocumentFinding> Findings, SourceMap Lines)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

/// <summary>
/// Where each table's parts were read from (table index and part: "title", "total", "plan", "plan:2" …), so that checks
/// on the model can point at lines. Kept beside the model, so that equal documents stay equal wherever they came from.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<(int Table, string Part), int> _lines = new();

    public static SourceMap Empty => new();

    public void Mark(int table, string part, int line) => _lines.TryAdd((table, part), line);

    /// <summary>The line of the part, else of the table's title, else 0.</summary>
    public int LineOf(int table, string part) =>
        _lines.TryGetValue((table, part), out var line) ? line : _lines.GetValueOrDefault((table, "title"));
}
