namespace PerfPlatform.IndicatorCatalogue.Targets;

/// <summary>Units of measure as filed, normalised: every spelling of percent becomes "percent"; others are kept.</summary>
public static class Units
{
    public const string Percent = "percent";

    private static readonly string[] PercentWords = ["百分比", "%", "％"];

    /// <summary>Magnitudes written before a unit ("1.5万人次"): the unit keeps them, the number is not scaled.</summary>
    private static readonly string[] Magnitudes = ["万", "亿", "千", "百"];

    private static readonly Dictionary<string, UnitKind> Known = new()
    {
        ["人"] = UnitKind.Count, ["人次"] = UnitKind.Count, ["户"] = UnitKind.Count, ["辆"] = UnitKind.Count,
        ["台"] = UnitKind.Count, ["套"] = UnitKind.Count, ["所"] = UnitKind.Count, ["个"] = UnitKind.Count,
        ["次"] = UnitKind.Count, ["项"] = UnitKind.Count, ["件"] = UnitKind.Count, ["家"] = UnitKind.Count,
        ["场"] = UnitKind.Count, ["场次"] = UnitKind.Count, ["册"] = UnitKind.Count, ["份"] = UnitKind.Count,
        ["条"] = UnitKind.Count, ["处"] = UnitKind.Count, ["座"] = UnitKind.Count, ["间"] = UnitKind.Count,
        ["批"] = UnitKind.Count, ["期"] = UnitKind.Count, ["篇"] = UnitKind.Count, ["本"] = UnitKind.Count,
        ["平方米"] = UnitKind.Count, ["亩"] = UnitKind.Count, ["公里"] = UnitKind.Count, ["千米"] = UnitKind.Count,
        ["米"] = UnitKind.Count, ["吨"] = UnitKind.Count, ["千瓦时"] = UnitKind.Count, ["度"] = UnitKind.Count,
        ["元"] = UnitKind.Money, ["万元"] = UnitKind.Money, ["亿元"] = UnitKind.Money, ["千元"] = UnitKind.Money,
        ["年"] = UnitKind.Time, ["个月"] = UnitKind.Time, ["月"] = UnitKind.Time, ["天"] = UnitKind.Time,
        ["日"] = UnitKind.Time, ["工作日"] = UnitKind.Time, ["小时"] = UnitKind.Time, ["分钟"] = UnitKind.Time,
        ["周"] = UnitKind.Time,
        // 百分点 (percentage points) is a difference of two percentages, not a percentage: "提高5个百分点" can exceed 100.
        ["百分点"] = UnitKind.Points, ["个百分点"] = UnitKind.Points,
        // "20万" is a count of ten thousands, kept as filed.
        ["万"] = UnitKind.Count,
    };

    /// <summary>
    /// The normalised unit and its kind. "元/人" is money; "万人次" a count; "人百分比" mixes kinds; an unknown unit is kept.
    /// </summary>
    public static (string Unit, UnitKind Kind) Normalise(string raw)
    {
        var unit = raw.Trim();
        if (unit.Length == 0) return ("", UnitKind.None);
        if (PercentWords.Contains(unit)) return (Percent, UnitKind.Percent);
        if (PercentWords.FirstOrDefault(unit.Contains) is { } percent)
        {
            // A percent beside another unit ("95人百分比") mixes two kinds; beside anything else ("%覆盖") it is a unit
            // the parser does not know, which is no error.
            return Normalise(unit.Replace(percent, "")).Kind switch
            {
                UnitKind.Count or UnitKind.Money or UnitKind.Time or UnitKind.Points or UnitKind.Mixed => (unit, UnitKind.Mixed),
                UnitKind.None or UnitKind.Percent => (Percent, UnitKind.Percent),
                _ => (unit, UnitKind.Unknown),
            };
        }
        if (Known.TryGetValue(unit, out var kind)) return (unit, kind);
        if (Magnitudes.FirstOrDefault(m => unit.Length > m.Length && unit.StartsWith(m, StringComparison.Ordinal)) is { } magnitude
            && Normalise(unit[magnitude.Length..]).Kind is UnitKind.Count or UnitKind.Money or UnitKind.Time)
            return (unit, Normalise(unit[magnitude.Length..]).Kind);
        var slash = unit.IndexOfAny(['/', '／']);
        if (slash > 0)
        {
            // A rate of one unit per another: money per person is money, people per day is a count.
            var (numerator, numeratorKind) = Normalise(unit[..slash]);
            return numeratorKind is UnitKind.Money or UnitKind.Count or UnitKind.Time ? ($"{numerator}/{unit[(slash + 1)..].Trim()}", numeratorKind) : (unit, UnitKind.Unknown);
        }
        if (IsTwoKinds(unit)) return (unit, UnitKind.Mixed);
        return (unit, UnitKind.Unknown);
    }

    /// <summary>Two known units of different kinds run together, as in "人元".</summary>
    private static bool IsTwoKinds(string unit) =>
        Known.Any(a => unit.Length > a.Key.Length && unit.StartsWith(a.Key, StringComparison.Ordinal)
                       && Known.TryGetValue(unit[a.Key.Length..], out var b) && b != a.Value);

    public static string Describe(UnitKind kind) => kind switch
    {
        UnitKind.Percent => "百分比",
        UnitKind.Points => "百分点",
        UnitKind.Count => "数量",
        UnitKind.Money => "金额",
        UnitKind.Time => "时间",
        UnitKind.Mixed => "混合单位",
        UnitKind.Unknown => "未知单位",
        _ => "无单位",
    };
}
