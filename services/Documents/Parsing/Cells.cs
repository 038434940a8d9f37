namespace PerfPlatform.Documents.Parsing;

/// <summary>A cell of the exported table: its text (continuation lines joined with \n) and the line it starts on.</summary>
public sealed record Cell(string Text, int Line);

/// <summary>The cells between two blank lines: one row of the form.</summary>
public sealed record Row(IReadOnlyList<Cell> Cells)
{
    public int Line => Cells.Count > 0 ? Cells[0].Line : 0;
    public string First => Cells.Count > 0 ? Cells[0].Text.Trim() : "";
    public string At(int i) => i < Cells.Count ? Cells[i].Text : "";
}

/// <summary>
/// Splits a project block of the Word-exported text into rows of cells: a tab starts a cell, text before a line's first
/// tab continues the cell above it (or, first in its row, is a cell of its own), a blank line ends the row.
/// </summary>
public static class CellReader
{
    public static List<Row> Rows(IReadOnlyList<(int Line, string Text)> lines)
    {
        var rows = new List<Row>();
        var cells = new List<Cell>();
        foreach (var (number, text) in lines)
        {
            if (text.Trim().Length == 0 && !text.Contains('\t'))
            {
                if (cells.Count > 0) rows.Add(new Row(cells));
                cells = [];
                continue;
            }
            // Every tab starts a cell, wherever it is in the line (a tab kept inside a cell would be rendered on a tab-led
            // line and read back as two cells); the text before a line's first tab continues the cell above it.
            var parts = text.Split('\t');
            if (!text.StartsWith('\t'))
            {
                if (cells.Count > 0) cells[^1] = cells[^1] with { Text = cells[^1].Text + "\n" + parts[0] };
                else cells.Add(new Cell(parts[0], number));
            }
            foreach (var part in parts.Skip(1)) cells.Add(new Cell(part, number));
        }
        if (cells.Count > 0) rows.Add(new Row(cells));
        return rows;
    }
}
