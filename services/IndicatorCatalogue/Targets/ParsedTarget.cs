namespace PerfPlatform.IndicatorCatalogue.Targets;

public enum TargetKind { Empty, Numeric, Range, Deadline, Qualitative }

public enum Comparator { Eq, Ge, Le, Gt, Lt }

public enum UnitKind { None, Percent, Count, Money, Time, Unknown, Mixed }

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
