using PerfPlatform.Contracts;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Importing;

/// <summary>
/// Which tables of a document an import takes: every table without an error finding and with a project code. A document
/// with errors is refused whole unless the caller chose to skip the tables that have them.
/// </summary>
public sealed record ImportSelection(IReadOnlyList<ProjectTable> Importable, IReadOnlyList<ProjectTable> Skipped, int Errors)
{
    public static ImportSelection Of(TargetDocument document, IEnumerable<DocumentFinding> findings)
    {
        var invalid = findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        var blocked = invalid.Select(f => f.ProjectCode ?? "").ToHashSet();
        var importable = document.Projects.Where(p => Codes.IsProject(p.Code) && !blocked.Contains(p.Code) && !blocked.Contains(p.Title)).ToList();
        return new ImportSelection(importable, document.Projects.Except(importable).ToList(), invalid.Count);
    }
}
