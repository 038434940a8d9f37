using System.Net;
using System.Text;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;

namespace PerfPlatform.Documents.Rendering;

/// <summary>A printable page in Chinese with the tables as the official form has them (rowspans for level 1 and level 2).</summary>
public static class HtmlRenderer
{
    private const string Style = """
        body{font-family:"SimSun","Songti SC","Noto Serif CJK SC",serif;margin:2em;color:#000}
        h1{font-size:20pt;text-align:center}h2{font-size:15pt;margin-top:2em}
        table{border-collapse:collapse;width:100%;margin:1em 0;page-break-inside:avoid}
        td,th{border:1px solid #000;padding:4px 6px;font-size:10.5pt;vertical-align:middle}
        th{background:#f0f0f0;font-weight:normal}.num{text-align:right}.unit{text-align:right;border:none}
        @media print{h2{page-break-before:always}}
        """;

    public static string Render(TargetDocument document)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>预算绩效目标</title>\n<style>")
            .Append(Style).Append("</style>\n</head>\n<body>\n");
        b.Append("<h1>第一部分 部门整体绩效目标</h1>\n");
        Section(b, DepartmentPartReader.OverallHeading, [document.Department.OverallGoal]);
        Section(b, DepartmentPartReader.ItemsHeading, document.Department.ItemGoals.Select(i => i.Text));
        Section(b, DepartmentPartReader.MeasuresHeading, [document.Department.SafeguardMeasures]);
        b.Append("<h1>第二部分 预算项目绩效目标</h1>\n");
        foreach (var p in document.Projects) Project(b, p);
        b.Append("</body>\n</html>\n");
        return b.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br/>");

    private static void Section(StringBuilder b, string heading, IEnumerable<string> paragraphs)
    {
        b.Append("<h3>").Append(E(heading)).Append("</h3>\n");
        foreach (var p in paragraphs.Where(p => p.Length > 0)) b.Append("<p>").Append(E(p)).Append("</p>\n");
    }

    private static void Project(StringBuilder b, ProjectTable p)
    {
        b.Append("<h2>").Append(E(p.Title)).Append("</h2>\n<table>\n");
        b.Append($"<tr><td colspan=\"4\">{E(p.UnitLine)}</td><td colspan=\"2\" class=\"unit\">{E(p.AmountUnit)}</td></tr>\n");
        b.Append($"<tr><th>项目编码</th><td colspan=\"2\">{E(p.Code)}</td><th>项目名称</th><td colspan=\"2\">{E(p.Name)}</td></tr>\n");
        b.Append($"<tr><th rowspan=\"2\">预算规模及资金用途</th><th>预算数</th><th>其中：财政资金</th><th>其他资金</th><th colspan=\"2\">资金用途</th></tr>\n");
        b.Append($"<tr><td class=\"num\">{E(Money.FormatYuanGrouped(p.TotalFen))}</td><td class=\"num\">{E(Money.FormatYuanGrouped(p.FiscalFen))}</td>")
            .Append($"<td class=\"num\">{E(Money.FormatYuanGrouped(p.OtherFen))}</td><td colspan=\"2\">{E(p.Purpose)}</td></tr>\n");
        b.Append($"<tr><th rowspan=\"2\">资金支出计划（%）</th>");
        foreach (var c in p.SpendingPlan) b.Append($"<th>{E(c.Label)}</th>");
        b.Append("</tr>\n<tr>");
        foreach (var c in p.SpendingPlan) b.Append($"<td class=\"num\">{E(c.Text)}</td>");
        b.Append("</tr>\n");
        b.Append($"<tr><th>绩效目标</th><td colspan=\"5\">{E(string.Join("\n", p.Goals))}</td></tr>\n");
        b.Append("<tr>").Append(string.Concat(ProjectTableReader.IndicatorHeader.Select(h => $"<th>{E(h)}</th>"))).Append("</tr>\n");
        for (var i = 0; i < p.Indicators.Count; i++)
        {
            var x = p.Indicators[i];
            b.Append("<tr>");
            if (i == 0 || !x.Level1Carried) b.Append($"<td rowspan=\"{Span(p.Indicators, i, y => y.Level1Carried)}\">{E(x.Level1)}</td>");
            if (i == 0 || !x.Level2Carried || !x.Level1Carried) b.Append($"<td rowspan=\"{Span(p.Indicators, i, y => y.Level2Carried && y.Level1Carried)}\">{E(x.Level2)}</td>");
            b.Append($"<td>{E(x.Name)}</td><td>{E(x.Description)}</td><td>{E(x.Target)}</td><td>{E(x.Basis)}</td></tr>\n");
        }
        b.Append("</table>\n");
    }

    /// <summary>How many rows from `start` share its cell: itself and the carried rows after it.</summary>
    private static int Span(IReadOnlyList<IndicatorRow> rows, int start, Func<IndicatorRow, bool> carried)
    {
        var n = 1;
        while (start + n < rows.Count && carried(rows[start + n])) n++;
        return n;
    }
}
