using System.Globalization;
using System.Text.RegularExpressions;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Documents.Parsing;

/// <summary>
/// Reads the text a department exports from its Word target document. Never throws: what it cannot read becomes a
/// finding with its line number and a Chinese message, and the rest of the document is still read.
/// </summary>
public static partial class TargetDocumentParser
{
    public const string PartTwo = "第二部分";

    public static ParseResult Parse(string? text)
    {
        var findings = new List<DocumentFinding>();
        try
        {
            var lines = Lines(text ?? "");
            var split = lines.FindIndex(l => l.Text.Trim() == PartTwo);
            if (split < 0)
                findings.Add(new DocumentFinding(0, "DOC-10", FindingSeverity.Error, "未找到「第二部分 预算项目绩效目标」，文档中没有项目绩效目标表。"));
            var department = DepartmentPartReader.Read(split < 0 ? lines : lines[..split], findings);
            var map = new SourceMap();
            var projects = split < 0 ? [] : ReadProjects(lines[(split + 1)..], findings, map);
            if (split >= 0 && projects.Count == 0)
                findings.Add(new DocumentFinding(lines[split].Line, "DOC-10", FindingSeverity.Error,
                    $"第 {lines[split].Line} 行的「第二部分」下没有项目绩效目标表（如「1.某某项目绩效目标表」）。"));
            return new ParseResult(new TargetDocument(department, ValueList.Of(projects)), findings, map);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defence in depth: a document that defeats the reader is reported, never thrown at the caller.
            findings.Add(new DocumentFinding(0, "DOC-99", FindingSeverity.Error, $"文档无法读取：{e.Message}"));
            return new ParseResult(new TargetDocument(new DepartmentPart("", null, null, ValueList<ItemGoal>.Empty, ""), ValueList<ProjectTable>.Empty), findings, SourceMap.Empty);
        }
    }

    private static List<(int Line, string Text)> Lines(string text) =>
        text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
            .Select((t, i) => (i + 1, t)).ToList();

    /// <summary>Splits part two at its table titles ("1.…绩效目标表"), keeping each title's line, and reads each block.</summary>
    private static List<ProjectTable> ReadProjects(List<(int Line, string Text)> lines, List<DocumentFinding> findings, SourceMap map)
    {
        var projects = new List<ProjectTable>();
        (int Line, string Title)? title = null;
        var block = new List<(int, string)>();
        foreach (var (number, text) in lines)
        {
            // A title is judged without its field code, as it is kept and rendered: "…绩8效目标表 TC …绩效目标表 \f C \l 1" is none.
            if (!text.StartsWith('\t') && TableTitle().IsMatch(WithoutFieldCode(text)))
            {
                if (title is { } t) projects.Add(ReadTagged(t.Line, t.Title, block, findings, map, projects.Count));
                title = (number, StripFieldCode(text, number, findings));
                block = [];
            }
            else if (title is null)
            {
                if (text.Trim().Length > 0 && text.Trim() != "预算项目绩效目标")
                    findings.Add(new DocumentFinding(number, "DOC-13", FindingSeverity.Warning, $"第 {number} 行「{Clip(text)}」不属于任何项目表，已忽略。"));
            }
            else block.Add((number, text));
        }
        if (title is { } last) projects.Add(ReadTagged(last.Line, last.Title, TrimTrailingStray(block, findings), findings, map, projects.Count));
        return projects;
    }

    /// <summary>Reads one table and marks the findings it raised with the table's project code, so an import can skip just that table.</summary>
    private static ProjectTable ReadTagged(int line, string title, List<(int Line, string Text)> block, List<DocumentFinding> findings,
        SourceMap map, int index)
    {
        var before = findings.Count;
        map.Mark(index, "title", line);
        ProjectTable table;
        try
        {
            table = ProjectTableReader.Read(line, title, block, findings, (part, at) => map.Mark(index, part, at));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Defence in depth, per table: a table that defeats the reader is an error on that table, and the others are still read.
            findings.Add(new DocumentFinding(line, "DOC-99", FindingSeverity.Error, $"第 {line} 行的项目表「{Clip(title)}」无法读取：{e.Message}"));
            table = new ProjectTable(title, "", "", "", "", "", new Amount("", 0), new Amount("", 0), new Amount("", 0), "",
                ValueList<Checkpoint>.Empty, ValueList<string>.Empty, ValueList<IndicatorRow>.Empty);
        }
        for (var i = before; i < findings.Count; i++) findings[i] = findings[i] with { ProjectCode = table.Code.Length > 0 ? table.Code : title };
        return table;
    }

    /// <summary>A page number left at the end of the export (a lone "2") is not a cell of the last table.</summary>
    private static List<(int Line, string Text)> TrimTrailingStray(List<(int Line, string Text)> block, List<DocumentFinding> findings)
    {
        var end = block.Count;
        while (end > 0 && block[end - 1].Text.Trim().Length == 0) end--;
        if (end > 0 && PageNumber().IsMatch(block[end - 1].Text) && (end == 1 || block[end - 2].Text.Trim().Length == 0))
        {
            findings.Add(new DocumentFinding(block[end - 1].Line, "DOC-01", FindingSeverity.Info, $"第 {block[end - 1].Line} 行的页码「{block[end - 1].Text.Trim()}」已忽略。"));
            return block[..(end - 1)];
        }
        return block;
    }

    /// <summary>A project table's title line ("1.…绩效目标表"), as every reader recognises it.</summary>
    public static bool IsTableTitle(string text) => TableTitle().IsMatch(text);

    private static string WithoutFieldCode(string text) => FieldCode().Match(text) is { Success: true } m ? text[..m.Index] : text;

    /// <summary>Word's table-of-contents field code (" TC … \f C \l 1") is removed from a heading and noted.</summary>
    public static string StripFieldCode(string text, int line, List<DocumentFinding> findings)
    {
        var stripped = WithoutFieldCode(text);
        if (stripped.Length < text.Length)
            findings.Add(new DocumentFinding(line, "DOC-01", FindingSeverity.Info, $"第 {line} 行标题中的 Word 目录域代码已去除。"));
        return stripped.Trim();
    }

    public static string Clip(string text) => text.Length > 30 ? text[..30] + "…" : text;

    public static bool TryPercent(string text, out int? bp)
    {
        bp = null;
        if (text.Trim().Length == 0) return true;
        if (!BasisPoints.TryParsePercent(text, out var value)) return false;
        bp = value;
        return true;
    }

    public static int MonthOf(string label) =>
        MonthLabel().Match(label) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^\s*[0-9]{1,3}\s*[.、．]\s*\S.*绩效目标表")]
    private static partial Regex TableTitle();

    [GeneratedRegex(@"\s+TC\s.*\\l\s*[0-9]+\s*$")]
    private static partial Regex FieldCode();

    [GeneratedRegex(@"^\s*[0-9]{1,3}\s*$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"([0-9]{1,2})\s*月")]
    private static partial Regex MonthLabel();
}
