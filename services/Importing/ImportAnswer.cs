using System.Text.Json;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Importing;

/// <summary>
/// An import's answer as JSON (perfctl import --json, POST /v1/imports): how the file was read, each project it read,
/// what was done or would be done step by step, the document's findings with their places and the indicator checks'.
/// </summary>
public sealed record ImportAnswer(
    int ExitCode,
    string? Refused,
    string Format,
    IReadOnlyList<ImportAnswer.ProjectRead> Document,
    bool Changed,
    bool Failed,
    IReadOnlyList<ImportAnswer.Step> Steps,
    IReadOnlyList<ImportAnswer.ProjectOutcome> Projects,
    IReadOnlyList<ImportAnswer.Finding> DocumentFindings,
    IReadOnlyDictionary<string, int> LintFindings)
{
    public sealed record PlanCheckpoint(string Label, string Text);
    public sealed record ProjectRead(string Code, string Name, long TotalFen, long FiscalFen, long OtherFen, int Indicators, IReadOnlyList<PlanCheckpoint> Plan);
    /// <summary>Status: the gRPC status of a failed step ("PermissionDenied"), else null.</summary>
    public sealed record Step(string Subject, string What, string Outcome, string Message, string? Status);
    public sealed record ProjectOutcome(string Code, string Name, long TotalFen, string Outcome);
    public sealed record Finding(int Line, string Place, string Code, string Severity, string Message, string? ProjectCode);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ImportAnswer Of(ImportReport report, DocumentImport import, int exitCode, string? refused) => new(
        exitCode,
        refused,
        import.Read.Format,
        import.Read.Parsed.Document.Projects.Select(p => new ProjectRead(p.Code, p.Name, p.TotalFen, p.FiscalFen, p.OtherFen, p.Indicators.Count,
            p.SpendingPlan.Select(c => new PlanCheckpoint(c.Label, c.Text)).ToList())).ToList(),
        report.Changed,
        report.Failed,
        report.Steps.Select(s => new Step(s.Subject, s.What, s.Outcome.ToString(), s.Message, s.Status?.ToString())).ToList(),
        report.Projects.Select(p => new ProjectOutcome(p.Project.Code, p.Project.Name, p.Project.TotalFen, p.Outcome.ToString())).ToList(),
        import.Findings.Select(f => new Finding(f.Line, f.Place, f.Code, f.Severity.ToString(), f.Message, f.ProjectCode)).ToList(),
        report.LintFindings);

    /// <summary>Whether every failed step was refused for the caller's rights (or token): the import was not theirs to make.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool RefusedForRights => Failed && Steps.Where(s => s.Outcome == nameof(Outcome.Failed))
        .All(s => s.Status is nameof(Grpc.Core.StatusCode.PermissionDenied) or nameof(Grpc.Core.StatusCode.Unauthenticated));
}
