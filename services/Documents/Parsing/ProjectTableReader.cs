using System.Text.RegularExpressions;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Documents.Parsing;

/// <summary>One project table: rows recognised by the label in their first cell, indicator rows after the header.</summary>
public static partial class ProjectTableReader
{
    public static readonly string[] IndicatorHeader = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"];

    public static ProjectTable Read(int titleLine, string title, List<(int Line, string Text)> block, List<DocumentFinding> findings,
        Action<string, int>? mark = null)
    {
        mark ??= (_, _) => { };
        var rows = CellReader.Rows(block);
        string unitCode = "", unitName = "", amountUnit = "", code = "", name = "", purpose = "";
        Amount total = new("", 0), fiscal = new("", 0), other = new("", 0);
        var plan = new List<Checkpoint>();
        var goals = new List<string>();
        var indicators = new List<IndicatorRow>();
        var inIndicators = false;
        var codeReported = false;
        var budgetRead = false;
        string level1 = "", level2 = "";
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (inIndicators)
            {
                var before = indicators.Count;
                ReadIndicator(row, ref level1, ref level2, indicators, findings);
                if (indicators.Count > before) mark($"indicator:{before}", row.Line);
                continue;
            }
            switch (row.First)
            {
                case var first when UnitLine().Match(first) is { Success: true } u:
                    (unitCode, unitName, amountUnit) = (u.Groups["code"].Value, u.Groups["name"].Value.Trim(), row.At(1).Trim());
                    mark("unit", row.Line);
                    break;
                case "项目编码":
                    // Without its code cell the row reads 项目编码, 项目名称, name: the label is no code (rendered back, it
                    // would be read as the name too).
                    if (row.At(1).Trim() == "项目名称")
                    {
                        findings.Add(new DocumentFinding(row.Line, "DOC-10", FindingSeverity.Error,
                            $"第 {row.Line} 行的项目表「{title}」缺少项目编码：「项目编码」后紧接着是「项目名称」。"));
                        codeReported = true;
                        code = "";
                    }
                    else code = Value(row, "项目编码", findings).Trim();
                    name = Value(row, "项目名称", findings).Trim();
                    mark("name", LineOfValue(row, "项目名称"));
                    break;
                case "预算规模及资金用途":
                    budgetRead = true;
                    mark("total", LineOfValue(row, "预算数"));
                    mark("fiscal", LineOfValue(row, "其中：财政资金"));
                    mark("other", LineOfValue(row, "其他资金"));
                    total = ReadAmount(row, "预算数", findings);
                    fiscal = ReadAmount(row, "其中：财政资金", findings);
                    other = ReadAmount(row, "其他资金", findings);
                    if (r + 1 < rows.Count && rows[r + 1].First.Length == 0)
                    {
                        mark("purpose", rows[r + 1].Line);
                        purpose = string.Join("\n", rows[++r].Cells.Skip(1).Select(c => c.Text.Trim()).Where(t => t.Length > 0));
                    }
                    break;
                case "资金支出计划（%）" or "资金支出计划(%)":
                    var labels = row.Cells.Skip(1).Select(c => c.Text.Trim()).ToList();
                    var values = r + 1 < rows.Count && rows[r + 1].First.Length == 0 ? rows[++r].Cells.Skip(1).ToList() : [];
                    mark("plan", row.Line);
                    for (var l = 1; l < row.Cells.Count; l++) mark($"label:{l - 1}", row.Cells[l].Line);
                    for (var v = 0; v < values.Count; v++) mark($"plan:{v}", values[v].Line);
                    plan.AddRange(ReadPlan(labels, values, row.Line, findings));
                    break;
                case "绩效目标":
                    mark("goals", row.Line);
                    goals.AddRange(row.Cells.Skip(1).SelectMany(c => c.Text.Split('\n')).Select(g => g.Trim()).Where(g => g.Length > 0));
                    break;
                case "一级指标":
                    inIndicators = true;
                    break;
                default:
                    findings.Add(new DocumentFinding(row.Line, "DOC-13", FindingSeverity.Warning,
                        $"第 {row.Line} 行「{TargetDocumentParser.Clip(row.First)}」不是项目表中可识别的栏目，已忽略。", code));
                    break;
            }
        }
        if (code.Length == 0 && !codeReported)
            findings.Add(new DocumentFinding(titleLine, "DOC-10", FindingSeverity.Error, $"第 {titleLine} 行的项目表「{title}」缺少项目编码。"));
        // Without the budget row the amounts are blank, which no table can render and read back as it was.
        if (!budgetRead)
            findings.Add(new DocumentFinding(titleLine, "DOC-10", FindingSeverity.Error,
                $"第 {titleLine} 行的项目表「{title}」缺少「预算规模及资金用途」一栏（预算数、其中：财政资金、其他资金）。", code));
        if (unitCode.Length == 0)
            findings.Add(new DocumentFinding(titleLine, "DOC-10", FindingSeverity.Error, $"第 {titleLine} 行的项目表「{title}」缺少预算单位（如「434001某单位」）。", code));
        return new ProjectTable(title, unitCode, unitName, amountUnit, code, name, total, fiscal, other, purpose, ValueList.Of(plan),
            ValueList.Of(goals), ValueList.Of(indicators));
    }

    private static void ReadIndicator(Row row, ref string level1, ref string level2, List<IndicatorRow> indicators, List<DocumentFinding> findings)
    {
        if (row.Cells.Count < IndicatorHeader.Length)
        {
            findings.Add(new DocumentFinding(row.Line, "DOC-15", FindingSeverity.Error,
                $"第 {row.Line} 行的指标行只有 {row.Cells.Count} 栏，应有 {IndicatorHeader.Length} 栏（一级指标、二级指标、三级指标、描述、指标值、依据）。"));
            return;
        }
        if (row.Cells.Count > IndicatorHeader.Length)
            findings.Add(new DocumentFinding(row.Line, "DOC-15", FindingSeverity.Warning, $"第 {row.Line} 行的指标行多出 {row.Cells.Count - IndicatorHeader.Length} 栏，已忽略多余部分。"));
        var cells = row.Cells.Take(IndicatorHeader.Length).Select(c => c.Text.Trim()).ToArray();
        var carried1 = cells[0].Length == 0;
        var carried2 = cells[1].Length == 0;
        if (!carried1) level1 = cells[0];
        if (!carried2) level2 = cells[1];
        if (carried1 && level1.Length == 0 || carried2 && level2.Length == 0)
            findings.Add(new DocumentFinding(row.Line, "DOC-16", FindingSeverity.Error, $"第 {row.Line} 行的指标没有一级或二级指标，上方也无可沿用的值。"));
        indicators.Add(new IndicatorRow(level1, level2, cells[2], cells[3], cells[4], cells[5], carried1, carried2));
    }

    private static int LineOfValue(Row row, string label)
    {
        for (var i = 0; i + 1 < row.Cells.Count; i++)
            if (row.Cells[i].Text.Trim() == label) return row.Cells[i + 1].Line;
        return row.Line;
    }

    private static string Value(Row row, string label, List<DocumentFinding> findings)
    {
        for (var i = 0; i + 1 < row.Cells.Count; i++)
            if (row.Cells[i].Text.Trim() == label) return row.Cells[i + 1].Text;
        findings.Add(new DocumentFinding(row.Line, "DOC-15", FindingSeverity.Error, $"第 {row.Line} 行缺少「{label}」。"));
        return "";
    }

    private static Amount ReadAmount(Row row, string label, List<DocumentFinding> findings)
    {
        var text = Value(row, label, findings).Trim();
        var parsed = Money.TryParseYuan(text, out var fen);
        if (parsed && fen is >= 0 and <= Money.MaxFen) return new Amount(text, fen);
        var line = LineOfValue(row, label);
        if (parsed && fen > Money.MaxFen || !parsed && IsHugeNumber(text))
            findings.Add(new DocumentFinding(line, "DOC-11", FindingSeverity.Error,
                $"第 {line} 行「{label}」的金额「{TargetDocumentParser.Clip(text)}」超出允许范围：一个项目的金额不能超过 " +
                $"{Money.FormatYuanGrouped(Money.MaxFen)} 元。"));
        else if (text.Length > 0 || row.Cells.Any(c => c.Text.Trim() == label))
            findings.Add(new DocumentFinding(line, "DOC-11", FindingSeverity.Error,
                $"第 {line} 行「{label}」的金额「{TargetDocumentParser.Clip(text)}」不是有效的金额（应为以元为单位、最多两位小数的非负数，如 195000.00）。"));
        return new Amount(text, 0);
    }

    /// <summary>Digits (with grouping and two decimals at most) too many for an amount: "99999999999999999999999999999".</summary>
    private static bool IsHugeNumber(string text) => HugeNumber().IsMatch(text.Replace(",", "").Replace("，", ""));

    private static IEnumerable<Checkpoint> ReadPlan(List<string> labels, List<Cell> values, int line, List<DocumentFinding> findings)
    {
        if (values.Count > labels.Count)
            findings.Add(new DocumentFinding(line, "DOC-15", FindingSeverity.Warning, $"第 {line} 行起的资金支出计划数值多于时间节点，多余的已忽略。"));
        for (var i = 0; i < labels.Count; i++)
        {
            var text = i < values.Count ? values[i].Text.Trim() : "";
            if (!TargetDocumentParser.TryPercent(text, out var bp))
            {
                var at = i < values.Count ? values[i].Line : line;
                findings.Add(new DocumentFinding(at, "DOC-12", FindingSeverity.Error, $"第 {at} 行「{labels[i]}」的支出计划「{text}」不是百分比（如 30.00%）。"));
            }
            yield return new Checkpoint(labels[i], TargetDocumentParser.MonthOf(labels[i]), bp, text);
        }
    }

    [GeneratedRegex(@"^[0-9]{17,}(\.[0-9]{1,2})?$")]
    private static partial Regex HugeNumber();

    // The name starts at its first visible character, which is no digit: "434001\n0…" is no unit line (its name trimmed
    // would be written back as "4340010…", a seven-digit code).
    [GeneratedRegex(@"^(?<code>[0-9]{6})\s*(?<name>[^0-9\s].*)$")]
    private static partial Regex UnitLine();
}
