using System.Globalization;
using System.Text.RegularExpressions;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Documents.Parsing;

/// <summary>Part one (部门整体绩效目标): three headed sections of paragraphs.</summary>
public static partial class DepartmentPartReader
{
    public const string OverallHeading = "一、总体绩效目标";
    public const string ItemsHeading = "二、分项绩效目标";
    public const string MeasuresHeading = "三、工作保障措施";

    public static DepartmentPart Read(List<(int Line, string Text)> lines, List<DocumentFinding> findings)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var (number, raw) in lines)
        {
            var text = raw.Trim();
            if (text.Length == 0 || text is "第一部分" or "部门整体绩效目标") continue;
            var heading = TargetDocumentParser.StripFieldCode(text, number, findings);
            if (heading is OverallHeading or ItemsHeading or MeasuresHeading)
            {
                current = sections[heading] = [];
                continue;
            }
            if (current is null)
            {
                findings.Add(new DocumentFinding(number, "DOC-13", FindingSeverity.Warning, $"第 {number} 行「{TargetDocumentParser.Clip(text)}」不在任何小节下，已忽略。"));
                continue;
            }
            current.Add(text);
        }
        var overall = string.Join("\n", sections.GetValueOrDefault(OverallHeading) ?? []);
        var items = (sections.GetValueOrDefault(ItemsHeading) ?? []).Select(t => new ItemGoal(t, ValueList.Of(Wan(t)))).ToList();
        var measures = string.Join("\n", sections.GetValueOrDefault(MeasuresHeading) ?? []);
        if (lines.Count > 0 && overall.Length == 0)
            findings.Add(new DocumentFinding(0, "DOC-14", FindingSeverity.Warning, "第一部分缺少「一、总体绩效目标」。"));
        int? count = ProjectCount().Match(overall) is { Success: true } c ? int.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        decimal? total = TotalWan().Match(overall) is { Success: true } w ? decimal.Parse(w.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        return new DepartmentPart(overall, count, total, ValueList.Of(items), measures);
    }

    private static IEnumerable<decimal> Wan(string text) =>
        WanAmount().Matches(text).Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"项目\s*([0-9]{1,4})\s*个")]
    private static partial Regex ProjectCount();

    [GeneratedRegex(@"资金\s*([0-9]{1,12}(?:\.[0-9]{1,4})?)\s*万元")]
    private static partial Regex TotalWan();

    [GeneratedRegex(@"([0-9]{1,12}(?:\.[0-9]{1,4})?)\s*万元")]
    private static partial Regex WanAmount();
}
