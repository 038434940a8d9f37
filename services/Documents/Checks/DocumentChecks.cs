using System.Globalization;
using PerfPlatform.Contracts;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Documents.Checks;

/// <summary>
/// Consistency across the document (docs/checks.md: MNY, COD, PLN; DOC-02/03 and PLN-03/04 in <see cref="ConsistencyChecks"/>): part one against the tables, each table's money and
/// spending plan, codes and names. Rounding is half away from zero with a tolerance of half the stated precision.
/// </summary>
public static class DocumentChecks
{
    /// <summary>Runs every check; with the parser's source map, a finding about a table names the line it concerns.</summary>
    public static IReadOnlyList<DocumentFinding> Run(TargetDocument document, SourceMap? lines = null)
    {
        var findings = new List<DocumentFinding>();
        var map = lines ?? SourceMap.Empty;
        PartOne(document, findings);
        for (var i = 0; i < document.Projects.Count; i++) Table(document.Projects[i], i, map, findings);
        foreach (var dup in document.Projects.Select((p, i) => (p, i)).Where(x => x.p.Code.Length > 0).GroupBy(x => x.p.Code).Where(g => g.Count() > 1))
            findings.Add(new DocumentFinding(map.LineOf(dup.Last().i, "title"), "COD-02", FindingSeverity.Error, $"项目编码 {dup.Key} 在文档中出现了 {dup.Count()} 次，项目编码不能重复。", dup.Key));
        foreach (var same in document.Projects.GroupBy(p => (p.UnitCode, p.Name)).Where(g => g.Count() > 1))
            findings.Add(new DocumentFinding(map.LineOf(document.Projects.ToList().IndexOf(same.Last()), "title"), "COD-03", FindingSeverity.Warning,
                $"单位 {same.Key.UnitCode} 有 {same.Count()} 个项目同名「{same.Key.Name}」（{string.Join("、", same.Select(p => p.Code))}），" +
                "建议在名称后注明用途以便区分。", same.First().Code));
        ConsistencyChecks.Run(document, map, findings);
        return findings;
    }

    private static void PartOne(TargetDocument d, List<DocumentFinding> findings)
    {
        if (d.Department.StatedProjectCount is { } count && count != d.Projects.Count)
            findings.Add(new DocumentFinding(0, "MNY-02", FindingSeverity.Error,
                $"第一部分写明项目 {count} 个，但第二部分有 {d.Projects.Count} 张项目表。"));
        if (d.Department.StatedTotalWan is { } stated)
        {
            var decimals = Math.Max(0, (stated.ToString(CultureInfo.InvariantCulture).Split('.').ElementAtOrDefault(1) ?? "").Length);
            if (Money.FenToWan(d.TotalFen, decimals) != stated)
                findings.Add(new DocumentFinding(0, "MNY-02", FindingSeverity.Error,
                    $"第一部分写明共涉及资金 {stated}万元，但各项目预算数合计 {Money.FormatYuanGrouped(d.TotalFen)} 元，" +
                    $"折合 {Money.FormatWan(d.TotalFen, decimals)}万元。"));
        }
    }

    private static void Table(ProjectTable p, int index, SourceMap map, List<DocumentFinding> findings)
    {
        var label = p.Code.Length > 0 ? p.Code : p.Title;
        if (p.Code.Length > 0 && !Codes.IsProject(p.Code))
            findings.Add(new DocumentFinding(map.LineOf(index, "title"), "COD-01", FindingSeverity.Error,
                $"项目编码「{p.Code}」格式不正确：应为 21 位，行政区划代码 6 位 + 年度 2 位 + 13 位大写字母或数字。", p.Code));
        if ((decimal)p.FiscalFen + p.OtherFen != p.TotalFen)
            findings.Add(new DocumentFinding(map.LineOf(index, "total"), "MNY-01", FindingSeverity.Error,
                $"项目 {label} 的预算数 {Money.FormatYuan(p.TotalFen)} 元不等于财政资金 {Money.FormatYuan(p.FiscalFen)} 元与其他资金 {Money.FormatYuan(p.OtherFen)} 元之和。", p.Code));
        PlanChecks(p, label, findings, part => map.LineOf(index, part));
        AcceptanceChecks.Run(p, label, findings, part => map.LineOf(index, part));
    }

    /// <summary>PLN-01 values in 0..100% and never decreasing; PLN-02 the last filled checkpoint is 100%.</summary>
    public static void PlanChecks(ProjectTable p, string label, List<DocumentFinding> findings, Func<string, int> lineOf)
    {
        int? previous = null;
        string previousLabel = "";
        var lastLine = lineOf("plan");
        foreach (var (c, i) in p.SpendingPlan.Select((c, i) => (c, i)).Where(x => x.c.CumulativeBp is not null))
        {
            var line = lineOf($"plan:{i}");
            lastLine = line;
            if (c.CumulativeBp is < 0 or > BasisPoints.Full)
                findings.Add(new DocumentFinding(line, "PLN-01", FindingSeverity.Error, $"项目 {label} 的支出计划「{c.Label}」为 {c.Text}，应在 0% 至 100% 之间。", p.Code));
            if (previous is { } prior && c.CumulativeBp < prior)
                findings.Add(new DocumentFinding(line, "PLN-01", FindingSeverity.Error,
                    $"项目 {label} 的累计支出计划「{c.Label}」{c.Text} 低于「{previousLabel}」的 {BasisPoints.FormatPercent(prior)}，累计比例不能下降。", p.Code));
            previous = c.CumulativeBp;
            previousLabel = c.Label;
        }
        if (p.SpendingPlan.Count > 0 && previous is not null && previous != BasisPoints.Full)
            findings.Add(new DocumentFinding(lastLine, "PLN-02", FindingSeverity.Error,
                $"项目 {label} 的支出计划最后为「{previousLabel}」{BasisPoints.FormatPercent(previous.Value)}，应在年内达到 100%。", p.Code));
        if (p.SpendingPlan.Count > 0 && previous is null)
            findings.Add(new DocumentFinding(lineOf("plan"), "PLN-02", FindingSeverity.Error, $"项目 {label} 的支出计划全部为空。", p.Code));
    }
}
