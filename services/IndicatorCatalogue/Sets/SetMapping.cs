using PerfPlatform.Protos.Indicators.V1;

namespace PerfPlatform.IndicatorCatalogue.Sets;

/// <summary>A parsed target as stored (jsonb) and sent: numbers as invariant decimal text, never floating point.</summary>
public sealed record StoredParsedTarget(
    string Kind,
    string Comparator,
    string Value,
    string UpperValue,
    string Unit,
    string RawUnit,
    string UnitKind,
    string Deadline,
    bool ComparatorImplicit);

public static class SetMapping
{
    public static Finding ToProto(StoredFinding f) => new()
    {
        IndicatorIndex = f.IndicatorIndex,
        RuleId = f.RuleId,
        Severity = f.Severity switch { "error" => Severity.Error, "warning" => Severity.Warning, _ => Severity.Info },
        Message = f.Message,
    };

    public static ParsedTarget ToProto(StoredParsedTarget p) => new()
    {
        Kind = p.Kind switch
        {
            "numeric" => TargetKind.Numeric,
            "range" => TargetKind.Range,
            "deadline" => TargetKind.Deadline,
            "qualitative" => TargetKind.Qualitative,
            _ => TargetKind.Empty,
        },
        Comparator = p.Comparator switch
        {
            "eq" => Comparator.Eq, "ge" => Comparator.Ge, "le" => Comparator.Le, "gt" => Comparator.Gt, "lt" => Comparator.Lt,
            _ => Comparator.Unspecified,
        },
        Value = p.Value,
        UpperValue = p.UpperValue,
        Unit = p.Unit,
        RawUnit = p.RawUnit,
        UnitKind = p.UnitKind,
        Deadline = p.Deadline,
        ComparatorImplicit = p.ComparatorImplicit,
    };

    public static ActualValue ToProto(ActualValueRecord a) => new()
    {
        Period = a.Period,
        Value = a.Value,
        RecordTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(a.RecordedAt),
    };
}
