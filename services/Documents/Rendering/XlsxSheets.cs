namespace PerfPlatform.Documents.Rendering;

public static partial class XlsxRenderer
{
    /// <summary>
    /// A workbook of plain tables, one sheet each, with the cells this renderer writes: decimals in yuan (#,##0.00), ints as
    /// numbers, anything else as text. For exports that are lists rather than the target form (perfctl monitoring export).
    /// </summary>
    public static void RenderSheets(IEnumerable<(string Name, IEnumerable<object[]> Rows)> sheets, Stream output)
    {
        using var package = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbook = package.AddWorkbookPart();
        workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(new DocumentFormat.OpenXml.Spreadsheet.Sheets());
        AddStyles(workbook);
        foreach (var (name, rows) in sheets) AddSheet(workbook, name, rows);
        workbook.Workbook.Save();
    }
}
