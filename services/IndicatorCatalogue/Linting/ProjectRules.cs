using System.Globalization;
using System.Text.RegularExpressions;
using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Linting;

/// <summary>
/// Checks of one indicator against its project (LINT-RULES.md VAL-05, VAL-08, SEM-05, SEM-10): the budget, the purpose
/// and the goals from the request. Without the context a rule needs, it says nothing.
/// </summary>
public static partial class ProjectRules
{
    /// <summary>Subjects an indicator can be about, the words that name them, and the words a project about them uses.</summary>
    private static readonly (string Subject, string[] Indicator, string[] Project)[] Subjects =
    [
        ("供电、用电", ["供电", "用电", "电费", "电力"], ["电"]),
        ("公务用车", ["公务出行", "用车", "车辆", "客车", "公车"], ["车"]),
        ("网络", ["网络", "WIFI", "宽带"], ["网络", "WIFI", "信息化"]),
    ];

    private static readonly string[] Public = ["群众", "公众", "居民"];
    private static readonly string[] OfficeRunning = ["办公", "电费", "公务", "机关", "运转"];

    public static readonly IReadOnlyList<(string RuleId, Func<IndicatorContext, LintRequest, string?> Check)> All =
    [
        ("VAL-05", Cost),
        ("VAL-08", (x, r) => x.Target.Comparator is Comparator.Ge or Comparator.Gt && x.Target.UnitKind == UnitKind.Count
                             && r.Purpose is { } purpose && StatedCount(purpose, x.Target.Unit) == x.Target.Value
            ? $"资金用途「{purpose.Trim()}」写明了数量，「{x.Name}」的指标值「{x.Indicator.Target.Trim()}」却是下限；购置固定数量时请写「={x.Target.Value}{x.Target.Unit}」。" : null),
        ("SEM-05", (x, r) => r.Purpose is null ? null
            : Subjects.FirstOrDefault(s => x.Text().Mentions(s.Indicator) && !ProjectText(r).Mentions(s.Project)) is { Subject: { } subject }
                ? $"「{x.Name}」说的是{subject}，但项目的资金用途和绩效目标都与{subject}无关，可能是从其他项目复制的；请换成与本项目用途相关的指标。" : null),
        ("SEM-10", (x, r) => x.IsSatisfaction && x.Name.Mentions(Public) && r.Purpose is not null && ProjectText(r).Mentions(OfficeRunning)
            ? $"「{x.Name}」调查的是群众，但项目是机关运转经费（{r.Purpose.Trim()}），受益人是机关工作人员；建议改为「使用人员满意度」。" : null),
    ];

    private static string ProjectText(LintRequest r) => $"{r.Purpose} {string.Join(" ", r.GoalList)}";

    /// <summary>
    /// VAL-05: an economic cost must be money; with the budget and a quantity, money per unit must agree with
    /// budget ÷ quantity (1,771,650.00 元 ÷ 47,244 人 = 37.50 元/人).
    /// </summary>
    private static string? Cost(IndicatorContext x, LintRequest r)
    {
        if (!x.IsMonetaryCost || !x.Target.IsQuantitative) return null;
        var unit = x.Target.UnitKind;
        if (unit is not (UnitKind.Money or UnitKind.Percent or UnitKind.Points))
        {
            var per = PerUnit(r, x.Target.RawUnit);
            return $"「{x.Name}」是成本指标，指标值「{x.Target.Text}」的单位「{(x.Target.RawUnit.Length > 0 ? x.Target.RawUnit : "无")}」不是金额，" +
                   "请以元、万元或元/人等金额单位填写（如预算数÷受益人数）" +
                   (per is null ? "。" : $"：{Describe(r, per.Value)}，可填「≤{per.Value.Yuan.ToString("0.##", CultureInfo.InvariantCulture)}元/{per.Value.Unit}」。");
        }
        if (unit != UnitKind.Money || x.Target.Value is not { } value || x.Target.Unit.Split('/') is not [var money, var denominator]) return null;
        var scale = money switch { "元" => 1m, "千元" => 1_000m, "万元" => 10_000m, "亿元" => 100_000_000m, _ => 0m };
        if (scale == 0 || PerUnit(r, denominator) is not { } actual || actual.Unit != denominator) return null;
        var stated = value * scale;
        var tolerance = 0.5m * scale * Step(value);
        var off = x.Target.Comparator switch
        {
            Comparator.Le => actual.Yuan > stated + tolerance,
            Comparator.Lt => actual.Yuan >= stated + tolerance,
            Comparator.Ge => actual.Yuan < stated - tolerance,
            Comparator.Gt => actual.Yuan <= stated - tolerance,
            _ => Math.Abs(actual.Yuan - stated) > tolerance,
        };
        return off ? $"「{x.Name}」的指标值「{x.Target.Text}」与预算不符：{Describe(r, actual)}。请按预算数÷数量核实成本目标。" : null;
    }

    private readonly record struct Quantity(decimal Yuan, string Unit, string Name, decimal Count);

    /// <summary>Budget ÷ the first quantity indicator counted in <paramref name="unit"/>, else in any unit of count.</summary>
    private static Quantity? PerUnit(LintRequest r, string unit)
    {
        if (r.BudgetFen is not > 0 || r.Indicators.Count == 0) return null;
        var quantities = r.Indicators.Where(i => i.Level2.Trim() == "数量指标")
            .Select(i => (i.Name, Target: TargetParser.Parse(i.Target, r.BudgetYear)))
            .Where(q => q.Target.Kind == TargetKind.Numeric && q.Target.UnitKind == UnitKind.Count && q.Target.Value > 0).ToList();
        var quantity = quantities.FirstOrDefault(q => q.Target.Unit == unit.Trim());
        if (quantity.Target is null) quantity = quantities.FirstOrDefault();
        if (quantity.Target is null) return null;
        var count = quantity.Target.Value!.Value;
        return new Quantity(Money.FenToYuan(r.BudgetFen.Value) / count, quantity.Target.Unit, quantity.Name.Trim(), count);
    }

    private static string Describe(LintRequest r, Quantity q) =>
        $"预算数 {Money.FormatYuanGrouped(r.BudgetFen!.Value)} 元 ÷ {q.Name} {q.Count.ToString("#,##0.##", CultureInfo.InvariantCulture)} {q.Unit} = " +
        $"{Math.Round(q.Yuan, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture)} 元/{q.Unit}";

    /// <summary>One unit of the value's last written decimal place: 37.5 → 0.1, 50 → 1.</summary>
    private static decimal Step(decimal value)
    {
        var scale = (decimal.GetBits(value)[3] >> 16) & 0xFF;
        var step = 1m;
        for (var i = 0; i < scale; i++) step /= 10;
        return step;
    }

    /// <summary>The number the text states before <paramref name="unit"/> ("购置9座客车一辆" → 1 for 辆), in digits or Chinese.</summary>
    private static decimal? StatedCount(string text, string unit)
    {
        if (unit.Length == 0) return null;
        foreach (Match m in Counted().Matches(text))
            if (text.AsSpan(m.Index + m.Length).StartsWith(unit, StringComparison.Ordinal))
                return decimal.TryParse(m.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var digits) ? digits : ChineseNumber(m.Value);
        return null;
    }

    private static decimal? ChineseNumber(string text)
    {
        const string digits = "零一二三四五六七八九";
        if (text == "两") return 2;
        if (text.Length == 1 && digits.IndexOf(text[0]) is >= 0 and var d) return d;
        if (text.Length is 2 or 3 && text.Contains('十'))
        {
            var parts = text.Split('十');
            var tens = parts[0].Length == 0 ? 1 : digits.IndexOf(parts[0][0]);
            var ones = parts[1].Length == 0 ? 0 : digits.IndexOf(parts[1][0]);
            return tens < 0 || ones < 0 ? null : tens * 10 + ones;
        }
        return null;
    }

    [GeneratedRegex(@"\d+(\.\d+)?|[零一二两三四五六七八九十]+")]
    private static partial Regex Counted();
}
