using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PerfPlatform.Documents.Reading;

/// <summary>
/// Reads a Word .docx as Word holds it: the body's paragraphs (part one, table titles) and its tables (one per project),
/// with cells of several paragraphs, horizontally merged cells as one cell and the rows a vertical merge continues as
/// blank cells (as Word's own text export writes them). Field codes are fields, not text: a TOC entry's " TC … "
/// instruction is never read as part of a heading. Deleted revisions are left out.
/// </summary>
public static class WordReader
{
    public static FormText Read(Stream docx) =>
        OfficeZip.Read(docx, "word/document.xml", s => WordprocessingDocument.Open(s, false, OfficeZip.Settings), Read);

    private static FormText Read(WordprocessingDocument word)
    {
        var body = word.MainDocumentPart?.Document?.Body ?? throw new DocumentReadException("Word 文件中没有正文。");
        var form = new FormText();
        int paragraphs = 0, tables = 0;
        foreach (var block in Blocks(body))
        {
            switch (block)
            {
                case Paragraph p:
                    paragraphs++;
                    foreach (var line in ParagraphText(p).Split('\n')) form.Line(line, $"第 {paragraphs} 段");
                    break;
                case Table t:
                    tables++;
                    var row = 0;
                    foreach (var tr in t.Elements<TableRow>())
                        form.Row(tr.Elements<TableCell>().Select(CellText), $"表 {tables} 第 {++row} 行");
                    break;
            }
        }
        return form;
    }

    /// <summary>The body's paragraphs and tables in order, looking inside content controls (w:sdt) that wrap them.</summary>
    private static IEnumerable<OpenXmlElement> Blocks(OpenXmlElement parent)
    {
        foreach (var child in parent.ChildElements)
        {
            if (child is Paragraph or Table) yield return child;
            else if (child is SdtBlock sdt && sdt.SdtContentBlock is { } content)
                foreach (var inner in Blocks(content)) yield return inner;
        }
    }

    private static string CellText(TableCell cell)
    {
        var merge = cell.TableCellProperties?.VerticalMerge;
        // A cell that continues a vertical merge shows nothing of its own: Word exports it blank.
        if (merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue)) return "";
        var lines = new List<string>();
        foreach (var p in cell.Descendants<Paragraph>()) lines.Add(ParagraphText(p));
        return string.Join("\n", lines);
    }

    /// <summary>A paragraph's visible text: runs' text, tabs as spaces, line breaks as new lines; no field instructions.</summary>
    private static string ParagraphText(Paragraph p)
    {
        var b = new StringBuilder();
        foreach (var e in p.Descendants())
        {
            switch (e)
            {
                case Text t when !InDeletion(t):
                    b.Append(t.Text);
                    break;
                case TabChar or PositionalTab:
                    b.Append(' ');
                    break;
                case Break or CarriageReturn:
                    b.Append('\n');
                    break;
            }
        }
        return b.ToString();
    }

    private static bool InDeletion(OpenXmlElement e) => e.Ancestors<DeletedRun>().Any();
}
