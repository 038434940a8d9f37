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
        foreach (var line in FormRows.PartOne(document.Department)) b.Append(line).Append('\n');
        b.Append(TargetDocumentParser.PartTwo).Append("\n预算项目绩效目标\n");
        foreach (var p in document.Projects)
        {
            b.Append(p.Title).Append('\n');
            foreach (var row in FormRows.Table(p)) Row(b, row.Select(FormRows.Text));
            b.Append('\n');
        }
        return b.ToString();
    }

    /// <summary>One row: each cell on its own tab-led line (a cell's further lines follow without a tab), then a blank line.</summary>
    private static void Row(StringBuilder b, IEnumerable<string> cells)
    {
        foreach (var cell in cells) b.Append('\t').Append(cell).Append('\n');
        b.Append('\n');
    }
}
