using Grpc.Core;
using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Importing;
using PerfPlatform.Protos.Indicators.V1;
using Spectre.Console;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;

namespace PerfPlatform.Cli.Commands;

/// <summary>perfctl lint FILE: the document checks and the platform's target linter, without storing anything.</summary>
public static class LintCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = DocumentFile.Description };
        var encoding = DocumentFile.EncodingOption();
        var command = new Command("lint", "检查绩效目标文档：文档结构与金额、支出计划，以及每个指标值") { file, encoding };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            var path = parse.GetValue(file)!;
            var read = await DocumentFile.ReadAsync(path, parse.GetValue(encoding));
            var parsed = read.Parsed;
            var findings = read.Place(parsed.Findings.Concat(DocumentChecks.Run(parsed.Document, parsed.Lines)));
            Console.WriteLine($"已读取 {path.Name}：{read.Format}。");
            FindingsView.Print(findings, path.Name);
            using var channel = Gateway.Connect(parse);
            var catalogue = new CatalogueClient(channel);
            var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
            // A table the service would refuse (DOC-17) is no context for the others: sent along, it would refuse them too.
            var beyondLimits = findings.Where(f => f.Code == "DOC-17").Select(f => f.ProjectCode).ToHashSet();
            var table = new Table().Title("指标值检查").AddColumns("项目", "指标", "指标值", "级别", "规则", "说明");
            foreach (var project in parsed.Document.Projects)
            {
                var year = project.Code.Length >= 8 && int.TryParse(project.Code.AsSpan(6, 2), out var yy) ? 2000 + yy : DateTime.Today.Year;
                LintTargetsResponse response;
                try
                {
                    response = await catalogue.LintTargetsAsync(new LintTargetsRequest
                    {
                        BudgetYear = year, BudgetFen = project.TotalFen, Purpose = project.Purpose,
                        Indicators = { IndicatorsOf(project) },
                        Goals = { project.Goals },
                        // The unit's other tables of the document, for indicator sets copied between projects (SEM-06).
                        Siblings =
                        {
                            parsed.Document.Projects.Where(o => o.UnitCode == project.UnitCode && o.Code != project.Code && !beyondLimits.Contains(o.Code))
                                .Select(o => new SiblingProject { ProjectCode = o.Code, Name = o.Name, Indicators = { IndicatorsOf(o) } }),
                        },
                    });
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
                {
                    // The service would not check this table (an over-long field …): say so for this project and go on.
                    table.AddRow(Markup.Escape(project.Code), "（整体）", "", "错误", "-", Markup.Escape(RpcErrorText.Describe(e)));
                    errors++;
                    continue;
                }
                foreach (var f in response.Findings.OrderByDescending(f => f.Severity))
                {
                    var x = f.IndicatorIndex >= 0 ? project.Indicators[f.IndicatorIndex] : null;
                    table.AddRow(project.Code, Markup.Escape(x?.Name ?? "（整体）"), Markup.Escape(x?.Target ?? ""),
                        f.Severity switch { Severity.Error => "错误", Severity.Warning => "警告", _ => "提示" }, f.RuleId, Markup.Escape(f.Message));
                    if (f.Severity == Severity.Error) errors++;
                }
            }
            AnsiConsole.Write(table);
            Console.WriteLine(errors == 0 ? "未发现错误。" : $"共 {errors} 处错误。");
            return errors == 0 ? 0 : 1;
        }));
        return command;
    }

    private static IEnumerable<Indicator> IndicatorsOf(ProjectTable table) => table.Indicators.Select(i => new Indicator
    {
        Level1 = i.Level1, Level2 = i.Level2, Name = i.Name, Description = i.Description, Target = i.Target, Basis = i.Basis,
    });
}
