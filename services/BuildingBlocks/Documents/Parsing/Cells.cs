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
/// Splits a project block of the Word-exported text into rows of cells: a tab starts a cell, a line without a tab
/// continues the cell above it, a blank line ends the row.
/// </summary>
public static class CellReader
{
    public static List<Row> Rows(IReadOnlyList<(int Line, string Text)> lines)
    {
        var rows = new List<Row>();
        var cells = new List<Cell>();
        var open = false;
        foreach (var (number, text) in lines)
        {
            if (text.Trim().Length == 0 && !text.Contains('\t'))
            {
                if (cells.Count > 0) rows.Add(new Row(cells));
                cells = [];
                open = false;
                continue;
            }
            if (text.StartsWith('\t'))
            {
                // A line may hold several tab-led cells.
                foreach (var part in text[1..].Split('\t')) cells.Add(new Cell(part, number));
                open = true;
            }
            else if (open && cells.Count > 0)
            {
                var last = cells[^1];
                cells[^1] = last with { Text = last.Text + "\n" + text };
            }
            else
            {
                cells.Add(new Cell(text, number));
                open = true;
            }
        }
        if (cells.Count > 0) rows.Add(new Row(cells));
        return rows;
    }
}
