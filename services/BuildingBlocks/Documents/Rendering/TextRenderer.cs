using System.Text;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;

namespace PerfPlatform.Documents.Rendering;

/// <summary>
/// Writes a document in the text format departments export from Word: every cell of the model, in the form's order, so
/// that parsing the rendering gives the same model. Word's field codes and page numbers are not written back.
/// </summary>
public static class TextRenderer
{
    public static string Render(TargetDocument document)
    {
        var b = new StringBuilder();
        var d = document.Department;
        b.Append("第一部分\n部门整体绩效目标\n");
        b.Append(DepartmentPartReader.OverallHeading).Append('\n').Append(d.OverallGoal).Append("\n\n");
        b.Append(DepartmentPartReader.ItemsHeading).Append('\n');
        foreach (var item in d.ItemGoals) b.Append(item.Text).Append("\n\n");
        b.Append(DepartmentPartReader.MeasuresHeading).Append('\n').Append(d.SafeguardMeasures).Append("\n\n");
        b.Append(TargetDocumentParser.PartTwo).Append("\n预算项目绩效目标\n");
        foreach (var p in document.Projects) Project(b, p);
        return b.ToString();
    }

    private static void Project(StringBuilder b, ProjectTable p)
    {
        b.Append(p.Title).Append('\n');
        Row(b, p.UnitLine, p.AmountUnit);
        Row(b, "项目编码", p.Code, "项目名称", p.Name);
        Row(b, "预算规模及资金用途", "预算数", p.Total.Text, "其中：财政资金", p.Fiscal.Text, "其他资金", p.Other.Text);
        Row(b, "", p.Purpose);
        Row(b, [.. new[] { "资金支出计划（%）" }.Concat(p.SpendingPlan.Select(c => c.Label))]);
        Row(b, [.. new[] { "" }.Concat(p.SpendingPlan.Select(c => c.Text))]);
        Row(b, "绩效目标", string.Join("\n", p.Goals));
        b.Append('\n');
        Row(b, ProjectTableReader.IndicatorHeader);
        foreach (var x in p.Indicators)
            Row(b, x.Level1Carried ? "" : x.Level1, x.Level2Carried ? "" : x.Level2, x.Name, x.Description, x.Target, x.Basis);
        b.Append('\n');
    }

    /// <summary>One row: each cell on its own tab-led line (a cell's further lines follow without a tab), then a blank line.</summary>
    private static void Row(StringBuilder b, params string[] cells)
    {
        foreach (var cell in cells) b.Append('\t').Append(cell).Append('\n');
        b.Append('\n');
    }
}
