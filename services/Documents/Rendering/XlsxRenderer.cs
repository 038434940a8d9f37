using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Model;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using Row = DocumentFormat.OpenXml.Spreadsheet.Row;

namespace PerfPlatform.Documents.Rendering;

/// <summary>
/// A workbook: a summary sheet 汇总, part one on a sheet of its paragraphs, and one sheet per project (named by its code)
/// laid out as the Word form. Amounts are numbers in yuan, shown as filed (195000.00, or 0), so the workbook reads back
/// to the same document.
/// </summary>
public static partial class XlsxRenderer
{
    public const string SummarySheet = "汇总";

    // Cell styles: 0 General; 1 "0.00"; 2 "#,##0.00" (built-in number formats 2 and 4).
    private const uint TwoDecimals = 1, GroupedTwoDecimals = 2;

    public static void Render(TargetDocument document, Stream output)
    {
        using var package = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = package.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        AddStyles(workbook);
        AddSheet(workbook, SummarySheet, SummaryRows(document));
        AddSheet(workbook, FormRows.PartOneTitle, FormRows.PartOne(document.Department).Select(line => new object[] { line }));
        foreach (var p in document.Projects) AddSheet(workbook, SheetName(p), [[p.Title], .. FormRows.Table(p)]);
        workbook.Workbook.Save();
    }

    /// <summary>A workbook of one sheet of rows (a string, an <see cref="Amount"/>, a decimal or an int per cell), for other forms.</summary>
    public static void RenderSheet(string name, IEnumerable<object[]> rows, Stream output)
    {
        using var package = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = package.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        AddStyles(workbook);
        AddSheet(workbook, name.Length > 31 ? name[..31] : name, rows);
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

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true }) { Count = 3 });
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
        decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d), StyleIndex = GroupedTwoDecimals },
        int i => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(i) },
        Amount a => AmountCell(reference, a),
        _ => Text(reference, value.ToString() ?? ""),
    };

    /// <summary>An amount as a number whose display is its filed text ("195000.00", "0", "1,771,650.00"); other texts stay text.</summary>
    private static Cell AmountCell(string reference, Amount a)
    {
        uint? style = Plain().IsMatch(a.Text) ? 0 : TwoDecimalText().IsMatch(a.Text) ? TwoDecimals : GroupedText().IsMatch(a.Text) ? GroupedTwoDecimals : null;
        return style is { } s
            ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Money.FenToYuan(a.Fen)), StyleIndex = s == 0 ? null : s }
            : Text(reference, a.Text);
    }

    private static Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }) };

    private static string Reference(int column, uint row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row;
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)\.[0-9]{2}$")]
    private static partial Regex TwoDecimalText();

    [GeneratedRegex(@"^-?[1-9][0-9]{0,2}(,[0-9]{3})+\.[0-9]{2}$")]
    private static partial Regex GroupedText();
}
