using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;

namespace PerfPlatform.Documents.Rendering;

/// <summary>
/// The document laid out as the Word form has it, once for every renderer that writes the form back: part one's
/// paragraphs, and each project table's rows of cells. A cell is a string, or an <see cref="Amount"/> that a renderer
/// may write as a number.
/// </summary>
public static class FormRows
{
    public const string PartOneTitle = "部门整体绩效目标";

    /// <summary>Part one's lines: headings, paragraphs, and a blank line after each paragraph.</summary>
    public static IEnumerable<string> PartOne(DepartmentPart d)
    {
        yield return "第一部分";
        yield return PartOneTitle;
        yield return DepartmentPartReader.OverallHeading;
        yield return d.OverallGoal;
        yield return "";
        yield return DepartmentPartReader.ItemsHeading;
        foreach (var item in d.ItemGoals)
        {
            yield return item.Text;
            yield return "";
        }
        yield return DepartmentPartReader.MeasuresHeading;
        yield return d.SafeguardMeasures;
        yield return "";
    }

    /// <summary>The rows of one project table, below its title; a level carried down over blank cells stays blank.</summary>
    public static IEnumerable<object[]> Table(ProjectTable p)
    {
        yield return [p.UnitLine, p.AmountUnit];
        yield return ["项目编码", p.Code, "项目名称", p.Name];
        yield return ["预算规模及资金用途", "预算数", p.Total, "其中：财政资金", p.Fiscal, "其他资金", p.Other];
        yield return ["", p.Purpose];
        yield return ["资金支出计划（%）", .. p.SpendingPlan.Select(c => c.Label)];
        yield return ["", .. p.SpendingPlan.Select(c => c.Text)];
        yield return ["绩效目标", string.Join("\n", p.Goals)];
        yield return [.. ProjectTableReader.IndicatorHeader];
        foreach (var x in p.Indicators)
            yield return [x.Level1Carried ? "" : x.Level1, x.Level2Carried ? "" : x.Level2, x.Name, x.Description, x.Target, x.Basis];
    }

    public static string Text(object cell) => cell is Amount a ? a.Text : cell.ToString() ?? "";
}
