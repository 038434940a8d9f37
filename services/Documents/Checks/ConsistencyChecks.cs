using System.Text.RegularExpressions;
using PerfPlatform.Contracts;
using PerfPlatform.Contracts.Checks;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Documents.Checks;

/// <summary>
/// What the document says twice and must say alike (LINT-RULES.md DOC-02, DOC-03, PLN-03, PLN-04): the amount units of its
/// two parts, a project's name in part one and in its table, the plan against the timeliness indicator and the goals.
/// </summary>
public static partial class ConsistencyChecks
{
    public static void Run(TargetDocument d, SourceMap map, List<DocumentFinding> findings)
    {
        Units(d, findings);
        Names(d, map, findings);
        for (var i = 0; i < d.Projects.Count; i++)
        {
            var index = i;
            Plan(d.Projects[i], part => map.LineOf(index, part), findings);
        }
    }

    public static FindingSeverity SeverityOf(string ruleId) => CheckCatalogue.SeverityOf(ruleId) switch
    {
        CheckSeverity.Error => FindingSeverity.Error,
        CheckSeverity.Warning => FindingSeverity.Warning,
        _ => FindingSeverity.Info,
    };

    /// <summary>DOC-02: part one counts in 万元, the tables in 元; both are compared and stored in fen.</summary>
    private static void Units(TargetDocument d, List<DocumentFinding> findings)
    {
        var tableUnits = d.Projects.Select(p => p.AmountUnit.Trim()).Where(u => u.Length > 0).Distinct().ToList();
        if (d.Department.StatedTotalWan is null || tableUnits.Count == 0 || tableUnits.All(u => u.Contains("万元"))) return;
        findings.Add(new DocumentFinding(0, "DOC-02", SeverityOf("DOC-02"),
            $"第一部分金额以万元表示，项目表以「{string.Join("、", tableUnits)}」表示；平台统一换算为分后比较和存储。"));
    }

    /// <summary>DOC-03: a part-one item and the tables of the same amount (matched by amount, not by name) name the project alike.</summary>
    private static void Names(TargetDocument d, SourceMap map, List<DocumentFinding> findings)
    {
        foreach (var item in d.Department.ItemGoals)
        {
            if (ItemName(item.Text) is not { Length: > 0 } name) continue;
            var tables = item.AmountsWan
                .Select(wan => d.Projects.Select((p, i) => (p, i)).FirstOrDefault(x => Money.FenToWan(x.p.TotalFen, Math.Max(2, Decimals(wan))) == wan))
                .Where(x => x.p is not null).ToList();
            var differing = tables.Where(x => Bare(x.p.Name) != Bare(name)).ToList();
            if (differing.Count == 0) continue;
            var first = differing[0];
            findings.Add(new DocumentFinding(map.LineOf(first.i, "name"), "DOC-03", SeverityOf("DOC-03"),
                $"第一部分的「{name}」（{string.Join("、", item.AmountsWan.Select(a => $"{a}万元"))}）在项目表中名为" +
                $"「{string.Join("」「", differing.Select(x => x.p.Name).Distinct())}」（{string.Join("、", differing.Select(x => x.p.Code))}），请统一项目名称。",
                first.p.Code));
        }
    }

    /// <summary>PLN-03: the plan reaches 100% at the checkpoint of the timeliness indicator's date; PLN-04: goals promising the year's spending.</summary>
    private static void Plan(ProjectTable p, Func<string, int> lineOf, List<DocumentFinding> findings)
    {
        var label = p.Code.Length > 0 ? p.Code : p.Title;
        var full = p.SpendingPlan.FirstOrDefault(c => c.CumulativeBp == BasisPoints.Full);
        foreach (var (x, i) in p.Indicators.Select((x, i) => (x, i)).Where(t => t.x.Level2.Trim() == "时效指标"))
        {
            if (full is null || DeadlineMonth(x.Target) is not { } month) continue;
            var due = p.SpendingPlan.Select(c => c.Month).Where(m => m >= month).DefaultIfEmpty(12).Min();
            if (due == full.Month) continue;
            findings.Add(new DocumentFinding(lineOf($"indicator:{i}"), "PLN-03", SeverityOf("PLN-03"),
                $"项目 {label} 的支出计划在「{full.Label}」达到 100%，但时效指标「{x.Name.Trim()}」为「{x.Target.Trim()}」" +
                $"（对应「{due}月底」）；请调整支出计划或时效指标，使完成时间一致。", p.Code));
        }
        var last = p.SpendingPlan.LastOrDefault(c => c.CumulativeBp is not null);
        if (last is not null && last.CumulativeBp < BasisPoints.Full && p.Goals.FirstOrDefault(g => g.Contains("完成支出")) is { } goal)
            findings.Add(new DocumentFinding(lineOf("goals"), "PLN-04", SeverityOf("PLN-04"),
                $"项目 {label} 的绩效目标「{goal.Trim()}」写明年内完成支出，但支出计划最后为「{last.Label}」{last.Text}。", p.Code));
    }

    /// <summary>The month a completion date names: "12月" → 12, "第二季度" → 6, "上半年" → 6, "年底" → 12; null when it names none.</summary>
    public static int? DeadlineMonth(string target)
    {
        var text = target.Trim();
        if (Month().Match(text) is { Success: true } m && int.TryParse(m.Groups[1].ValueSpan, out var month) && month is >= 1 and <= 12) return month;
        if (Quarter().Match(text) is { Success: true } q) return 3 * ("一二三四1234".IndexOf(q.Groups[1].Value[0]) % 4 + 1);
        if (text.Contains("上半年")) return 6;
        if (text.Contains("下半年") || text.Contains("年底") || text.Contains("年末")) return 12;
        return null;
    }

    /// <summary>"2、县委县政府办公区网络改造经费：为进一步…" → the name before the colon, without its number.</summary>
    private static string? ItemName(string text)
    {
        var colon = text.IndexOfAny(['：', ':']);
        return colon <= 0 ? null : ItemNumber().Replace(text[..colon], "").Trim();
    }

    private static int Decimals(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;

    private static string Bare(string text) => new(text.Where(char.IsLetterOrDigit).ToArray());

    [GeneratedRegex(@"(?<![\d.])(\d{1,2})\s*月")]
    private static partial Regex Month();

    [GeneratedRegex(@"第([一二三四1-4])季度")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"^\s*[\d一二三四五六七八九十]+\s*[、.．]\s*")]
    private static partial Regex ItemNumber();
}
