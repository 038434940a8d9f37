using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfPlatform.Documents.Parsing;
using PerfPlatform.Documents.Rendering;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using Row = DocumentFormat.OpenXml.Spreadsheet.Row;

namespace PerfPlatform.Documents.Reading;

/// <summary>
/// Reads an Excel .xlsx laid out like the Word form: a sheet of part one's paragraphs (one a row), and project tables,
/// one a sheet or one after another, each from its title row (or, without one, from its unit row or its 项目编码 row:
/// the title is then made from the project's name). The summary sheet 汇总 of the platform's own export is skipped.
/// A number keeps the form its cell shows: 195000.00 under a two-decimal format, 0 under General.
/// </summary>
public static class ExcelReader
{
    public static FormText Read(Stream xlsx) =>
        OfficeZip.Read(xlsx, "xl/workbook.xml", s => SpreadsheetDocument.Open(s, false, OfficeZip.Settings), Read);

    private static FormText Read(SpreadsheetDocument excel)
    {
        var workbook = excel.WorkbookPart ?? throw new DocumentReadException("Excel 文件中没有工作簿。");
        var cells = new CellText(workbook);
        var form = new FormText();
        var partTwoStarted = false;
        var tables = 0;
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            var name = sheet.Name?.Value ?? "";
            if (name == XlsxRenderer.SummarySheet || sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
            var rows = part.Worksheet.Descendants<Row>().Select(r => (Number: (int)(r.RowIndex?.Value ?? 0), Cells: cells.Of(r))).ToList();
            if (!rows.Any(r => r.Cells.FirstOrDefault()?.Trim() == "项目编码"))
            {
                foreach (var (number, values) in rows)
                    form.Line(string.Join(" ", values.Where(v => v.Trim().Length > 0)), $"工作表「{name}」第 {number} 行");
                continue;
            }
            if (!partTwoStarted)
            {
                form.Line("第二部分", $"工作表「{name}」");
                form.Line("预算项目绩效目标", $"工作表「{name}」");
                partTwoStarted = true;
            }
            ProjectSheet(form, name, rows, ref tables);
        }
        return form;
    }

    private static void ProjectSheet(FormText form, string sheet, List<(int Number, List<string> Cells)> rows, ref int tables)
    {
        var starts = TableStarts(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var (number, values) = rows[i];
            var origin = $"工作表「{sheet}」第 {number} 行";
            if (starts.TryGetValue(i, out var missingTitle))
            {
                tables++;
                if (missingTitle is not null) form.Line($"{tables}.{missingTitle}绩效目标表", origin);
            }
            if (values.Count(v => v.Trim().Length > 0) == 1 && TargetDocumentParser.IsTableTitle(values[0])) form.Line(values[0], origin);
            else if (values.Any(v => v.Trim().Length > 0)) form.Row(values, origin);
        }
    }

    /// <summary>
    /// Where each table begins (its title row, else its unit row, else its 项目编码 row), and the title to supply when
    /// it has none: the project's name from the 项目编码 row.
    /// </summary>
    private static Dictionary<int, string?> TableStarts(List<(int Number, List<string> Cells)> rows)
    {
        var starts = new Dictionary<int, string?>();
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Cells;
            if (cells.FirstOrDefault()?.Trim() != "项目编码") continue;
            var start = i;
            if (start > 0 && rows[start - 1].Cells.Any(c => c.Trim().StartsWith("单位：", StringComparison.Ordinal))) start--;
            var titled = start > 0 && rows[start - 1].Cells.Count(c => c.Trim().Length > 0) == 1 && TargetDocumentParser.IsTableTitle(rows[start - 1].Cells[0]);
            if (titled) starts[start - 1] = null;
            else
            {
                var nameAt = cells.FindIndex(c => c.Trim() == "项目名称");
                var name = nameAt >= 0 && nameAt + 1 < cells.Count ? cells[nameAt + 1].Trim() : "";
                starts[start] = name.Length > 0 ? name : cells.ElementAtOrDefault(1)?.Trim() ?? "项目";
            }
        }
        return starts;
    }

    /// <summary>A row's cells from column A to its last filled one, gaps (merged or omitted cells) as blanks.</summary>
    private sealed class CellText(WorkbookPart workbook)
    {
        private readonly SharedStringItem[] _shared =
            workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().ToArray() ?? [];
        private readonly CellFormat[] _formats =
            workbook.WorkbookStylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>().ToArray() ?? [];
        private readonly Dictionary<uint, string> _customFormats =
            (workbook.WorkbookStylesPart?.Stylesheet?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value).ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "");

        public List<string> Of(Row row)
        {
            var values = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? Column(reference) : values.Count;
                if (column > 16_384) continue;
                while (values.Count < column) values.Add("");
                if (values.Count == column) values.Add(Value(cell));
            }
            while (values.Count > 0 && values[^1].Trim().Length == 0) values.RemoveAt(values.Count - 1);
            return values;
        }

        private static int Column(string reference)
        {
            var column = 0;
            foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            return Math.Max(column - 1, 0);
        }

        private string Value(Cell cell)
        {
            var type = cell.DataType?.Value;
            if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
            var raw = cell.CellValue?.Text ?? "";
            if (type == CellValues.SharedString)
                return int.TryParse(raw, out var i) && i >= 0 && i < _shared.Length ? _shared[i].InnerText : "";
            if (type == CellValues.Boolean) return raw == "1" ? "TRUE" : "FALSE";
            if (type is null || type == CellValues.Number)
                return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? Number(number, cell) : raw;
            return raw;
        }

        /// <summary>A number as its cell shows it: the format's decimals, grouping and percent sign; General as written.</summary>
        private string Number(decimal value, Cell cell)
        {
            var formatId = cell.StyleIndex?.Value is { } s && s < _formats.Length ? _formats[s].NumberFormatId?.Value ?? 0 : 0;
            var code = formatId switch
            {
                1 => "0", 2 => "0.00", 3 => "#,##0", 4 => "#,##0.00", 9 => "0%", 10 => "0.00%",
                _ => _customFormats.GetValueOrDefault(formatId, ""),
            };
            if (code.Length == 0 || code.Equals("General", StringComparison.OrdinalIgnoreCase))
                return value.ToString(CultureInfo.InvariantCulture);
            var section = code.Split(';')[0];
            var decimals = section.Contains('.') ? section[(section.IndexOf('.') + 1)..].TakeWhile(c => c is '0' or '#').Count() : 0;
            var percent = section.Contains('%');
            var shown = percent ? value * 100 : value;
            var text = shown.ToString((section.Contains(',') ? "#,##0." : "0.") + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
            return percent ? text + "%" : text;
        }
    }
}
