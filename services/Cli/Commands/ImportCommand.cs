using System.Text.Json;
using PerfPlatform.Importing;
using PerfPlatform.Documents.Model;
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
            $"退出码：{ImportExitCodes.Done} 全部导入（或与平台相同、已提交/批复的项目未改动）；" +
            $"{ImportExitCodes.Refused} 文档有错误未导入、文档中没有项目表、有步骤失败或无法连接平台；" +
            $"{ImportExitCodes.Skipped} 用 --skip-invalid 跳过了有错误的项目表，其余已导入。")
            { file, encoding, dryRun, json, skipInvalid, divisionName, departmentName };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            var path = parse.GetValue(file)!;
            var read = await DocumentFile.ReadAsync(path, parse.GetValue(encoding));
            var asJson = parse.GetValue(json);
            var isDryRun = parse.GetValue(dryRun);
            var import = new DocumentImport(read, isDryRun, parse.GetValue(skipInvalid), "--skip-invalid");
            if (!asJson)
            {
                Console.WriteLine($"已读取 {path.Name}：{read.Format}。");
                FindingsView.Print(import.Findings, path.Name);
                DocumentView.Print(read.Parsed.Document);
            }
            if (import.Refusal is { } reason)
            {
                Console.Error.WriteLine(reason);
                if (asJson) PrintJson(import.Refused(reason));
                return ImportExitCodes.Refused;
            }

            using var channel = Gateway.Connect(parse);
            var importer = new DocumentImporter(new RegistryClient(channel), new CatalogueClient(channel),
                new SpendingPlanClient(new DisbursementClient(channel)),
                new ImportOptions(parse.GetValue(divisionName), parse.GetValue(departmentName), isDryRun));
            ImportReport report = null!;
            var answer = await import.RunAsync(async (document, projects) => report = await RunWithProgress(importer, document, projects.ToList(), asJson));
            if (asJson) PrintJson(answer);
            else
            {
                Summary(report, import.Findings, isDryRun);
                if (answer.Refused is { } refusal) Console.Error.WriteLine(refusal);
            }
            return answer.ExitCode;
        }));
        return command;
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

    private static void Summary(ImportReport report, IReadOnlyList<DocumentFinding> findings, bool dryRun)
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

    private static void PrintJson(ImportAnswer answer) => Console.WriteLine(JsonSerializer.Serialize(answer, ImportAnswer.Json));
}
