using System.CommandLine;
using System.Text.Json;
using PerfPlatform.Importing;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Reading;
using Spectre.Console;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.Cli.Commands;

/// <summary>perfctl import FILE [--dry-run] [--json] [--skip-invalid]: a department's target document into the platform.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = DocumentFile.Description };
        var encoding = DocumentFile.EncodingOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并显示将要进行的操作，不写入" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出结果" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "跳过有错误的项目表，导入其余有效部分" };
        var divisionName = new Option<string?>("--division-name") { Description = "行政区划尚未登记时使用的名称（默认取单位名称中的县、市、区名，如 顺平县）" };
        var departmentName = new Option<string?>("--department-name") { Description = "部门尚未登记时使用的名称（默认取单位名称去掉「（本级）」）" };
        var command = new Command("import", "导入绩效目标文档：登记单位、部门整体目标、项目、绩效指标和资金支出计划。\n" +
            $"退出码：{ExitCodes.Done} 全部导入（或与平台相同、已提交/批复的项目未改动）；" +
            $"{ExitCodes.Refused} 文档有错误未导入、文档中没有项目表、有步骤失败或无法连接平台；" +
            $"{ExitCodes.Skipped} 用 --skip-invalid 跳过了有错误的项目表，其余已导入。")
            { file, encoding, dryRun, json, skipInvalid, divisionName, departmentName };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            var path = parse.GetValue(file)!;
            var read = await DocumentFile.ReadAsync(path, parse.GetValue(encoding));
            var parsed = read.Parsed;
            var findings = read.Place(parsed.Findings.Concat(DocumentChecks.Run(parsed.Document, parsed.Lines))).ToList();
            var selection = ImportSelection.Of(parsed.Document, findings);
            var asJson = parse.GetValue(json);
            var isDryRun = parse.GetValue(dryRun);
            if (!asJson)
            {
                Console.WriteLine($"已读取 {path.Name}：{read.Format}。");
                FindingsView.Print(findings, path.Name);
                DocumentView.Print(parsed.Document);
            }
            if (parsed.Document.Projects.Count == 0)
                return Refuse(asJson, read, findings, "文档中没有项目绩效目标表（第二部分），未导入。");
            var errorsRefuse = selection.Errors > 0 && !parse.GetValue(skipInvalid);
            var refusal = $"文档有 {selection.Errors} 处错误，未导入。请修正后重试，或用 --skip-invalid 只导入没有错误的项目表。";
            // A dry run still shows what would be done with the tables without errors; a real import stops here.
            if (errorsRefuse && !isDryRun) return Refuse(asJson, read, findings, refusal);
            var (importable, skipped) = (selection.Importable.ToList(), selection.Skipped);
            if (importable.Count == 0)
                return Refuse(asJson, read, findings, errorsRefuse ? refusal : $"{skipped.Count} 张项目表都有错误，已全部跳过（--skip-invalid），没有导入任何内容。");

            using var channel = Gateway.Connect(parse);
            var importer = new DocumentImporter(new RegistryClient(channel), new CatalogueClient(channel),
                new SpendingPlanClient(new DisbursementClient(channel)),
                new ImportOptions(parse.GetValue(divisionName), parse.GetValue(departmentName), isDryRun));
            var report = await RunWithProgress(importer, parsed.Document, importable, asJson);
            report.AddSkipped(skipped, errorsRefuse ? "项目表有错误，修正前不会导入" : "项目表有错误（--skip-invalid），未导入");
            var exitCode = report.Failed || errorsRefuse ? ExitCodes.Refused : skipped.Count > 0 ? ExitCodes.Skipped : ExitCodes.Done;
            if (asJson) PrintJson(report, read, findings, exitCode, errorsRefuse ? refusal : null);
            else
            {
                Summary(report, findings, isDryRun);
                if (errorsRefuse) Console.Error.WriteLine(refusal);
            }
            return exitCode;
        }));
        return command;
    }

    /// <summary>The process exit codes, as the command's help states them.</summary>
    public static class ExitCodes
    {
        public const int Done = 0;
        public const int Refused = 1;
        public const int Skipped = 2;
    }

    /// <summary>Nothing imported: the reason on stderr, and with --json the findings still as JSON on stdout.</summary>
    private static int Refuse(bool asJson, ReadDocument read, List<DocumentFinding> findings, string reason)
    {
        Console.Error.WriteLine(reason);
        if (asJson) PrintJson(new ImportReport(), read, findings, ExitCodes.Refused, reason);
        return ExitCodes.Refused;
    }

    private static async Task<ImportReport> RunWithProgress(DocumentImporter importer, TargetDocument document, List<ProjectTable> projects, bool quiet)
    {
        if (quiet) return await importer.ImportAsync(document, projects, _ => { });
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return await importer.ImportAsync(document, projects, step => Console.WriteLine($"… {step}"));
        ImportReport? report = null;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("导入", maxValue: projects.Count + 1);
            report = await importer.ImportAsync(document, projects, step =>
            {
                task.Description = Markup.Escape(step.Length > 40 ? step[..40] : step);
                if (step.StartsWith("项目") || step.StartsWith("单位")) task.Increment(1);
            });
            task.Value = task.MaxValue;
        });
        return report!;
    }

    private static void Summary(ImportReport report, List<DocumentFinding> findings, bool dryRun)
    {
        var steps = new Table().Title(dryRun ? "将要进行的操作（试运行）" : "导入结果").AddColumns("对象", "内容", "结果", "说明");
        foreach (var s in report.Steps)
            steps.AddRow(Markup.Escape(s.Subject), Markup.Escape(s.What), ImportReport.Label(s.Outcome), Markup.Escape(s.Message));
        AnsiConsole.Write(steps);

        var imported = report.Projects.Where(p => p.Outcome is not (Outcome.Skipped or Outcome.Failed)).Select(p => p.Project).ToList();
        var importedFen = Money.Sum(imported.Select(p => p.TotalFen));
        var summary = new Table().Title("汇总").AddColumns("项目", "金额（元）", "金额（万元）", "文档问题 错误/警告/提示", "指标问题 错误/警告/提示");
        summary.AddRow(
            $"{imported.Count} 个（新建 {Count(report, Outcome.Created)}，更新 {Count(report, Outcome.Updated)}，无变化 {Count(report, Outcome.Unchanged)}，" +
            $"未改动 {Count(report, Outcome.LeftAlone)}，跳过 {Count(report, Outcome.Skipped)}，失败 {Count(report, Outcome.Failed)}）",
            Money.FormatYuanGrouped(importedFen),
            Money.FormatWan(importedFen),
            $"{findings.Count(f => f.Severity == FindingSeverity.Error)}/{findings.Count(f => f.Severity == FindingSeverity.Warning)}/{findings.Count(f => f.Severity == FindingSeverity.Info)}",
            $"{report.LintFindings["error"]}/{report.LintFindings["warning"]}/{report.LintFindings["info"]}");
        AnsiConsole.Write(summary);
        var skipped = Count(report, Outcome.Skipped);
        var leftAlone = Count(report, Outcome.LeftAlone);
        if (skipped > 0) Console.Error.WriteLine($"有 {skipped} 张项目表有错误，已跳过（--skip-invalid），未导入。");
        if (leftAlone > 0) Console.WriteLine($"有 {leftAlone} 个已提交审核或已批复的项目与文档不同，未修改（见上表）。");
        if (!report.Changed && !report.Failed && skipped == 0 && leftAlone == 0) Console.WriteLine("与平台中已有数据相同，没有任何改动。");
        foreach (var failure in report.Steps.Where(s => s.Outcome == Outcome.Failed))
            Console.Error.WriteLine($"失败：{failure.Subject} {failure.What}：{failure.Message}");
    }

    private static int Count(ImportReport report, Outcome outcome) => report.Projects.Count(p => p.Outcome == outcome);

    private static void PrintJson(ImportReport report, ReadDocument read, List<DocumentFinding> findings, int exitCode, string? refused = null) =>
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            exitCode,
            refused,
            format = read.Format,
            document = DocumentView.Projects(read.Parsed.Document),
            changed = report.Changed,
            failed = report.Failed,
            steps = report.Steps.Select(s => new { s.Subject, s.What, outcome = s.Outcome.ToString(), s.Message }),
            projects = report.Projects.Select(p => new { p.Project.Code, p.Project.Name, totalFen = p.Project.TotalFen, outcome = p.Outcome.ToString() }),
            documentFindings = findings.Select(f => new { f.Line, f.Place, f.Code, severity = f.Severity.ToString(), f.Message, f.ProjectCode }),
            lintFindings = report.LintFindings,
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
}
