using System.Globalization;
using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>Reads a reached value ("1辆", "95%", "2021-05-20", "2021年5月20日") as the target it answers wants it.</summary>
public static class ReachedReader
{
    /// <summary>A number, when the text is one; its unit must be the target's (or left out).</summary>
    public static bool TryNumber(string reached, ParsedTarget target, int budgetYear, out decimal value, out string? unitError)
    {
        value = 0;
        unitError = null;
        var parsed = TargetParser.Parse(reached, budgetYear);
        if (parsed.Kind != TargetKind.Numeric || parsed.Value is not { } v) return false;
        value = v;
        if (parsed.Unit.Length > 0 && target.Unit.Length > 0 && parsed.Unit != target.Unit)
            unitError = $"实际完成值的单位「{parsed.RawUnit}」与指标值的单位「{target.RawUnit}」不一致。";
        return true;
    }

    /// <summary>A date: ISO (2021-05-20) or written as a deadline is (2021年5月20日; a month alone means its last day).</summary>
    public static bool TryDate(string reached, int budgetYear, out DateOnly date)
    {
        if (DateOnly.TryParseExact(reached.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        var parsed = TargetParser.Parse(reached, budgetYear);
        date = parsed.Deadline ?? default;
        return parsed.Kind == TargetKind.Deadline && parsed.Deadline is not null;
    }
}
