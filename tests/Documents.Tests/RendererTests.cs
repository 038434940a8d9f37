using System.Net;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Parsing;
using PerfPlatform.Documents.Rendering;
using Xunit;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using Row = DocumentFormat.OpenXml.Spreadsheet.Row;

namespace PerfPlatform.Documents.Tests;

public sealed class RendererTests
{
    private static readonly Model.TargetDocument Doc = TargetDocumentParser.Parse(Seed.Text).Document;

    [Fact]
    public void The_html_page_is_well_formed_and_carries_every_value()
    {
        var html = HtmlRenderer.Render(Doc);
        var xml = XDocument.Parse(html.Replace("<!DOCTYPE html>", ""));
        Assert.Equal("zh-CN", xml.Root!.Attribute("lang")!.Value);
        Assert.Equal(6, xml.Descendants("table").Count());
        var text = WebUtility.HtmlDecode(string.Concat(xml.Descendants("td").Select(td => td.Value)));
        foreach (var p in Doc.Projects)
        {
            Assert.Contains(p.Code, text);
            Assert.Contains(Money.FormatYuanGrouped(p.TotalFen), text);
            foreach (var x in p.Indicators)
            {
                Assert.Contains(x.Name, text);
                Assert.Contains(x.Target, text);
            }
        }
        // Level 1 cells span their rows: one 产出指标 cell per table.
        Assert.Equal(6, xml.Descendants("td").Count(td => td.Value == "产出指标"));
    }

    [Fact]
    public void The_workbook_reads_back_with_the_same_cells()
    {
        using var stream = new MemoryStream();
        XlsxRenderer.Render(Doc, stream);
        stream.Position = 0;
        using var package = SpreadsheetDocument.Open(stream, false);
        var workbook = package.WorkbookPart!;
        var names = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal([XlsxRenderer.SummarySheet, FormRows.PartOneTitle, .. Doc.Projects.Select(p => p.Code)], names);

        var summary = Rows(workbook, XlsxRenderer.SummarySheet);
        Assert.Equal(Doc.Projects.Select(p => p.Code), summary.Skip(1).Take(6).Select(r => r[0]));
        Assert.Equal(Doc.Projects.Select(p => Money.FenToYuan(p.TotalFen)), summary.Skip(1).Take(6).Select(r => Yuan(r[3])));
        Assert.Equal(2_900_450.00m, Yuan(summary[7][3]));

        foreach (var p in Doc.Projects)
        {
            // Laid out as the Word form: title, unit, code, budget, purpose, plan labels and figures, goals, header, indicators.
            var rows = Rows(workbook, p.Code);
            Assert.Equal(p.Title, rows[0][0]);
            Assert.Equal(p.Name, rows[2][3]);
            Assert.Equal(Money.FenToYuan(p.TotalFen), Yuan(rows[3][2]));
            var indicators = rows.Skip(9).ToList();
            Assert.Equal(p.Indicators.Select(x => new[] { x.Level1Carried ? "" : x.Level1, x.Level2Carried ? "" : x.Level2, x.Name, x.Description, x.Target, x.Basis }), indicators);
        }
    }

    private static decimal Yuan(string cell) => decimal.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);

    private static List<string[]> Rows(WorkbookPart workbook, string sheet)
    {
        var id = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        var part = (WorksheetPart)workbook.GetPartById(id);
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>()
            .Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToArray()).ToList();
    }
}
