using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using Row = DocumentFormat.OpenXml.Spreadsheet.Row;

namespace PerfPlatform.Documents.Rendering;

/// <summary>A workbook: a summary sheet 汇总 and one sheet per project, named by its code; amounts as numbers in yuan.</summary>
public static class XlsxRenderer
{
    public const string SummarySheet = "汇总";

    public static void Render(TargetDocument document, Stream output)
    {
        using var package = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = package.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        AddSheet(workbook, SummarySheet, SummaryRows(document));
        foreach (var p in document.Projects) AddSheet(workbook, SheetName(p), ProjectRows(p));
        workbook.Workbook.Save();
    }

    public static string SheetName(ProjectTable p) => (p.Code.Length > 0 ? p.Code : p.Title) is var n && n.Length > 31 ? n[..31] : n;

    private static IEnumerable<object[]> SummaryRows(TargetDocument d)
    {
        yield return ["项目编码", "项目名称", "单位", "预算数（元）", "财政资金（元）", "其他资金（元）", "指标数"];
        foreach (var p in d.Projects)
            yield return [p.Code, p.Name, p.UnitLine, Money.FenToYuan(p.TotalFen), Money.FenToYuan(p.FiscalFen), Money.FenToYuan(p.OtherFen), p.Indicators.Count];
        yield return ["合计", $"{d.Projects.Count} 个项目", "", Money.FenToYuan(d.TotalFen), Money.FenToYuan(d.FiscalFen), Money.FenToYuan(d.OtherFen), d.Projects.Sum(p => p.Indicators.Count)];
    }

    private static IEnumerable<object[]> ProjectRows(ProjectTable p)
    {
        yield return [p.Title];
        yield return [p.UnitLine, p.AmountUnit];
        yield return ["项目编码", p.Code, "项目名称", p.Name];
        yield return ["预算数", Money.FenToYuan(p.TotalFen), "其中：财政资金", Money.FenToYuan(p.FiscalFen), "其他资金", Money.FenToYuan(p.OtherFen)];
        yield return ["资金用途", p.Purpose];
        yield return ["资金支出计划（%）", .. p.SpendingPlan.Select(c => (object)c.Label)];
        yield return ["", .. p.SpendingPlan.Select(c => (object)c.Text)];
        yield return ["绩效目标", string.Join("\n", p.Goals)];
        yield return [.. ProjectTableReader.IndicatorHeader];
        foreach (var x in p.Indicators) yield return [x.Level1, x.Level2, x.Name, x.Description, x.Target, x.Basis];
    }

    private static void AddSheet(WorkbookPart workbook, string name, IEnumerable<object[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 1;
        foreach (var values in rows)
        {
            var row = new Row { RowIndex = index };
            for (var c = 0; c < values.Length; c++) row.Append(Cell(Reference(c, index), values[c]));
            data.Append(row);
            index++;
        }
        part.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static Cell Cell(string reference, object value) => value switch
    {
        decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d) },
        int i => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(i) },
        _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString() ?? "") { Space = SpaceProcessingModeValues.Preserve }) },
    };

    private static string Reference(int column, uint row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row;
    }
}
