using PerfPlatform.Documents.Model;
using Spectre.Console;

namespace PerfPlatform.Cli.Commands;

/// <summary>What was read from a document, project by project: code, name, amounts, indicator count and spending plan.</summary>
public static class DocumentView
{
    public static void Print(TargetDocument document)
    {
        if (document.Projects.Count == 0) return;
        var table = new Table().Title($"读取到的项目（{document.Projects.Count} 个）")
            .AddColumns("项目编码", "项目名称", "预算数（元）", "财政资金（元）", "其他资金（元）", "指标数", "资金支出计划");
        foreach (var p in document.Projects)
            table.AddRow(Markup.Escape(p.Code), Markup.Escape(p.Name), Money.FormatYuanGrouped(p.TotalFen), Money.FormatYuanGrouped(p.FiscalFen),
                Money.FormatYuanGrouped(p.OtherFen), p.Indicators.Count.ToString(), Markup.Escape(Plan(p)));
        AnsiConsole.Write(table);
    }

    private static string Plan(ProjectTable p) =>
        string.Join(" ", p.SpendingPlan.Where(c => c.Text.Trim().Length > 0).Select(c => $"{c.Label} {c.Text}"));
}
