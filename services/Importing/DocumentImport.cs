using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Reading;

namespace PerfPlatform.Importing;

/// <summary>
/// One import of a read document, the same for perfctl import and POST /v1/imports: its findings, which tables it takes,
/// whether it refuses (errors and not asked to skip; nothing to import), and the answer with what it did or would do.
/// A dry run still shows what would be done with the tables without errors; a real import with errors stops before
/// anything is sent. <paramref name="skipOption"/> is how the caller asks to skip tables with errors ("--skip-invalid").
/// </summary>
public sealed class DocumentImport(ReadDocument read, bool dryRun, bool skipInvalid, string skipOption)
{
    public ReadDocument Read => read;
    public IReadOnlyList<DocumentFinding> Findings { get; } =
        read.Place(read.Parsed.Findings.Concat(DocumentChecks.Run(read.Parsed.Document, read.Parsed.Lines))).ToList();

    public ImportSelection Selection => _selection ??= ImportSelection.Of(read.Parsed.Document, Findings);
    private ImportSelection? _selection;

    private bool ErrorsRefuse => Selection.Errors > 0 && !skipInvalid;
    private string ErrorRefusal => $"文档有 {Selection.Errors} 处错误，未导入。请修正后重试，或用 {skipOption} 只导入没有错误的项目表。";

    /// <summary>Why nothing is sent to the platform at all, or null when the import (or dry run) goes ahead.</summary>
    public string? Refusal
    {
        get
        {
            if (read.Parsed.Document.Projects.Count == 0) return "文档中没有项目绩效目标表（第二部分），未导入。";
            if (ErrorsRefuse && !dryRun) return ErrorRefusal;
            if (Selection.Importable.Count > 0) return null;
            return ErrorsRefuse ? ErrorRefusal : $"{Selection.Skipped.Count} 张项目表都有错误，已全部跳过（{skipOption}），没有导入任何内容。";
        }
    }

    /// <summary>The answer when nothing was sent.</summary>
    public ImportAnswer Refused(string reason) => ImportAnswer.Of(new ImportReport(), this, ImportExitCodes.Refused, reason);

    /// <summary>
    /// Runs <paramref name="import"/> on the importable tables (the caller's importer, with its progress display) and
    /// adds the tables left out.
    /// </summary>
    public async Task<ImportAnswer> RunAsync(Func<TargetDocument, IReadOnlyList<ProjectTable>, Task<ImportReport>> import)
    {
        var report = await import(read.Parsed.Document, Selection.Importable);
        report.AddSkipped(Selection.Skipped, ErrorsRefuse ? "项目表有错误，修正前不会导入" : $"项目表有错误（{skipOption}），未导入");
        var exitCode = report.Failed || ErrorsRefuse ? ImportExitCodes.Refused : Selection.Skipped.Count > 0 ? ImportExitCodes.Skipped : ImportExitCodes.Done;
        return ImportAnswer.Of(report, this, exitCode, ErrorsRefuse ? ErrorRefusal : null);
    }
}

/// <summary>perfctl import's exit codes, which POST /v1/imports answers as exitCode too.</summary>
public static class ImportExitCodes
{
    public const int Done = 0;
    public const int Refused = 1;
    public const int Skipped = 2;
}
