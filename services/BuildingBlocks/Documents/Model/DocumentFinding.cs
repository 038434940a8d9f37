namespace PerfPlatform.Documents.Model;

public enum FindingSeverity { Info, Warning, Error }

/// <summary>A problem found in a document: where (1-based line, 0 for the whole document), which check, how bad, and what to do.</summary>
public sealed record DocumentFinding(int Line, string Code, FindingSeverity Severity, string Message, string? ProjectCode = null);

public sealed record ParseResult(TargetDocument Document, IReadOnlyList<DocumentFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}
