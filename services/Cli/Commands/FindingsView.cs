using PerfPlatform.Documents.Model;
using Spectre.Console;

namespace PerfPlatform.Cli.Commands;

public static class FindingsView
{
    public static string Label(FindingSeverity s) => s switch
    {
        FindingSeverity.Error => "错误",
        FindingSeverity.Warning => "警告",
        _ => "提示",
    };

    /// <summary>Document findings, worst first, each with its place (a text line, or a Word table's row).</summary>
    public static void Print(IReadOnlyList<DocumentFinding> findings, string file)
    {
        if (findings.Count == 0) { Console.WriteLine($"{file}：文档检查未发现问题。"); return; }
        var table = new Table().Title($"{Markup.Escape(file)} 文档检查（{findings.Count} 条）").AddColumns("位置", "级别", "规则", "项目", "说明");
        foreach (var f in findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Line))
            table.AddRow(f.Place.Length > 0 ? Markup.Escape(f.Place) : "-", Label(f.Severity), f.Code, Markup.Escape(f.ProjectCode ?? ""), Markup.Escape(f.Message));
        AnsiConsole.Write(table);
    }
}
