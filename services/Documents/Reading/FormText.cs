using System.Text;
using System.Text.RegularExpressions;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Documents.Reading;

/// <summary>
/// Builds the text a Word export would give (paragraphs as lines; a table row as tab-led cells and a blank line) from
/// a document read in another format, remembering where each line came from ("表 3 第 7 行"), so that the one text
/// parser reads every format and its findings point at the source's own places.
/// </summary>
public sealed partial class FormText
{
    private readonly StringBuilder _text = new();
    private readonly List<string> _origins = [];

    public void Line(string text, string origin)
    {
        // A tab would start a cell, and a line break another line: inside a paragraph both are only spacing.
        _text.Append(text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ')).Append('\n');
        _origins.Add(origin);
    }

    /// <summary>One table row: each cell's first line led by a tab, its further non-blank lines after it, then a blank line.</summary>
    public void Row(IEnumerable<string> cells, string origin)
    {
        foreach (var cell in cells)
        {
            var lines = cell.Replace("\r\n", "\n").Replace('\r', '\n').Replace('\t', ' ').Split('\n');
            _text.Append('\t').Append(lines[0]).Append('\n');
            _origins.Add(origin);
            // A blank line would end the row: a cell's empty paragraphs are left out.
            foreach (var more in lines.Skip(1).Where(l => l.Trim().Length > 0))
            {
                _text.Append(more).Append('\n');
                _origins.Add(origin);
            }
        }
        Line("", origin);
    }

    public string Text => _text.ToString();

    /// <summary>The source place of a 1-based line of <see cref="Text"/>.</summary>
    public string OriginOf(int line) => line >= 1 && line <= _origins.Count ? _origins[line - 1] : "";

    /// <summary>Findings about lines of the built text, told by their places in the source ("第 12 行" → "表 3 第 7 行").</summary>
    public IReadOnlyList<DocumentFinding> Relocate(IEnumerable<DocumentFinding> findings) =>
        findings.Select(f => f.Line <= 0 ? f : f with
        {
            Location = OriginOf(f.Line),
            Message = LineReference().Replace(f.Message, m => int.TryParse(m.Groups[1].ValueSpan, out var n) && OriginOf(n) is { Length: > 0 } o ? o : m.Value),
        }).ToList();

    [GeneratedRegex(@"第 ([0-9]+) 行")]
    private static partial Regex LineReference();
}
