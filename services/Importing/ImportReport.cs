using Grpc.Core;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Importing;

public enum Outcome { Created, Updated, Unchanged, LeftAlone, Skipped, Failed }

/// <summary>What happened to one thing the import touched, in Chinese for the official; Status: why a failed step's call was refused.</summary>
public sealed record ImportStep(string Subject, string What, Outcome Outcome, string Message = "", StatusCode? Status = null);

public sealed class ImportReport
{
    public List<ImportStep> Steps { get; } = [];
    public List<(ProjectTable Project, Outcome Outcome)> Projects { get; } = [];
    public Dictionary<string, int> LintFindings { get; } = new() { ["error"] = 0, ["warning"] = 0, ["info"] = 0 };

    public bool Failed => Steps.Any(s => s.Outcome == Outcome.Failed);
    public bool Changed => Steps.Any(s => s.Outcome is Outcome.Created or Outcome.Updated);

    public void Add(string subject, string what, Outcome outcome, string message = "", StatusCode? status = null) =>
        Steps.Add(new ImportStep(subject, what, outcome, message, status));

    /// <summary>The tables left out for their errors, each with why: <paramref name="reason"/>.</summary>
    public void AddSkipped(IEnumerable<ProjectTable> tables, string reason)
    {
        foreach (var p in tables)
        {
            Add(p.Code.Length > 0 ? p.Code : p.Title, "项目", Outcome.Skipped, reason);
            Projects.Add((p, Outcome.Skipped));
        }
    }

    public static string Label(Outcome outcome) => outcome switch
    {
        Outcome.Created => "新建",
        Outcome.Updated => "更新",
        Outcome.Unchanged => "无变化",
        Outcome.LeftAlone => "未改动",
        Outcome.Skipped => "已跳过",
        _ => "失败",
    };
}
