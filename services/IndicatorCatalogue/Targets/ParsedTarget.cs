namespace PerfPlatform.IndicatorCatalogue.Targets;

public enum TargetKind { Empty, Numeric, Range, Deadline, Qualitative }

public enum Comparator { Eq, Ge, Le, Gt, Lt }

/// <summary>What a unit measures. Points are percentage points (百分点): a difference of percentages, not capped at 100.</summary>
public enum UnitKind { None, Percent, Count, Money, Time, Unknown, Mixed, Points }

/// <summary>
/// A target value (指标值) as filed and as understood: a number with comparator and unit, a range, a deadline, or
/// qualitative text. <see cref="Text"/> is always the verbatim filing.
/// </summary>
public sealed record ParsedTarget(
    string Text,
    TargetKind Kind,
    Comparator? Comparator = null,
    decimal? Value = null,
    decimal? UpperValue = null,
    string Unit = "",
    string RawUnit = "",
    UnitKind UnitKind = UnitKind.None,
    DateOnly? Deadline = null,
    bool ComparatorImplicit = false)
{
    public bool IsQuantitative => Kind is TargetKind.Numeric or TargetKind.Range;
    public bool IsPercent => UnitKind == UnitKind.Percent;
}
