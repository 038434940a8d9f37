using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PerfPlatform.IndicatorCatalogue.Targets;

/// <summary>
/// Reads a filed target value. Never throws: anything it cannot read as a number, a range or a deadline is qualitative
/// text, which is a legitimate kind of target (较好, 显著提升) and is kept verbatim like everything else.
/// </summary>
public static partial class TargetParser
{
    /// <summary>Longer texts are sentences, not measurements; they are not fed to the patterns at all.</summary>
    private const int MaxMeasurableLength = 60;

    // Longest first, so that 大于等于 is not read as 大于 and 不多于 not as 多于. A null comparator ("约95%") is "=" as
    // when none is written: the model has no field for "approximately".
    private static readonly (string Word, Comparator? Comparator)[] PrefixWords = new (string Word, Comparator? Comparator)[]
    {
        ("不低于", Comparator.Ge), ("不少于", Comparator.Ge), ("不小于", Comparator.Ge), ("至少", Comparator.Ge), ("大于等于", Comparator.Ge),
        // 达到 ("reach"): the value is a floor to attain, as 不低于.
        ("达到", Comparator.Ge),
        ("不高于", Comparator.Le), ("不超过", Comparator.Le), ("不大于", Comparator.Le), ("至多", Comparator.Le), ("控制在", Comparator.Le),
        ("小于等于", Comparator.Le), ("不多于", Comparator.Le),
        ("超过", Comparator.Gt), ("大于", Comparator.Gt), ("高于", Comparator.Gt), ("多于", Comparator.Gt),
        ("小于", Comparator.Lt), ("低于", Comparator.Lt), ("不满", Comparator.Lt), ("少于", Comparator.Lt),
        ("约为", null), ("大约", null), ("约", null),
        ("≥", Comparator.Ge), ("≤", Comparator.Le), (">", Comparator.Gt), ("<", Comparator.Lt), ("=", Comparator.Eq),
    }.OrderByDescending(w => w.Word.Length).ToArray();

    private static readonly string[] TimeLimitWords = ["前", "完成", "底", "内"];

    private static readonly char[] TrailingPunctuation = ['。', '，', ',', '、', '；', ';', '！', '!', '.'];

    private static readonly string[] Qualifiers = ["（含）", "(含)", "左右"];

    // 以上/以下/以内 include the number; the Civil Code (art. 1259) reads them so.
    private static readonly (string Word, Comparator Comparator)[] SuffixWords =
        new (string Word, Comparator Comparator)[]
        {
            ("以上", Comparator.Ge), ("及以上", Comparator.Ge), ("以下", Comparator.Le), ("及以下", Comparator.Le), ("以内", Comparator.Le),
        }.OrderByDescending(w => w.Word.Length).ToArray();

    public static ParsedTarget Parse(string? text, int budgetYear)
    {
        var verbatim = text ?? "";
        var t = Normalise(verbatim);
        if (t.Length == 0) return new ParsedTarget(verbatim, TargetKind.Empty);
        if (t.Length > MaxMeasurableLength) return new ParsedTarget(verbatim, TargetKind.Qualitative);
        return ParseDeadline(verbatim, t, budgetYear)
               ?? ParseRange(verbatim, WithoutQualifiers(t))
               ?? ParseNumber(verbatim, t)
               ?? new ParsedTarget(verbatim, TargetKind.Qualitative);
    }

    /// <summary>
    /// Full-width digits and signs to ASCII, two-character comparators to one, no spaces of any kind (a no-break space
    /// pasted from Word, U+3000, zero-width ones) and no digit grouping.
    /// </summary>
    public static string Normalise(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF') continue;
            b.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' => '.',
                '＞' => '>',
                '＜' => '<',
                '＝' => '=',
                '≧' or '⩾' => '≥',
                '≦' or '⩽' => '≤',
                '～' or '〜' => '~',
                '－' or '—' or '–' or '−' => '-',
                _ => c,
            });
        }
        var s = b.ToString().Replace(">=", "≥").Replace("<=", "≤");
        return DigitGroup().Replace(s, "");
    }

    /// <summary>
    /// A date to finish by: a quarter or half year (its last day), a month or day, or a year (its 31 December). Without a
    /// year the budget year is meant: "第二季度完成" is 30 June of the budget year.
    /// </summary>
    private static ParsedTarget? ParseDeadline(string verbatim, string t, int budgetYear)
    {
        var quarter = QuarterDeadline().Match(t);
        if (quarter.Success)
        {
            var q = "一二三四".IndexOf(quarter.Groups["q"].Value[0]) is var i and >= 0 ? i + 1 : quarter.Groups["q"].Value[0] - '0';
            return Deadline(verbatim, YearOr(quarter, budgetYear), q * 3, null);
        }
        var half = HalfYearDeadline().Match(t);
        if (half.Success) return Deadline(verbatim, YearOr(half, budgetYear), half.Groups["h"].Value == "上" ? 6 : 12, null);
        var date = DateDeadline().Match(t);
        if (date.Success)
        {
            var day = date.Groups["d"].Success ? int.Parse(date.Groups["d"].Value, CultureInfo.InvariantCulture) : (int?)null;
            return Deadline(verbatim, YearOr(date, budgetYear), int.Parse(date.Groups["m"].Value, CultureInfo.InvariantCulture), day);
        }
        var year = YearDeadline().Match(t);
        if (year.Success) return Deadline(verbatim, YearOr(year, budgetYear), 12, null);
        return YearEnd().IsMatch(t) ? Deadline(verbatim, budgetYear, 12, null) : null;
    }

    /// <summary>Whether a deadline states its year ("2021年上半年"); "上半年完成" and "12月" leave it to the budget year.</summary>
    public static bool NamesYear(string text) => StatedYear().IsMatch(Normalise(text));

    private static int YearOr(Match m, int budgetYear) =>
        m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : budgetYear;

    private static ParsedTarget? Deadline(string verbatim, int year, int month, int? day)
    {
        if (year is < 1900 or > 2200 || month is < 1 or > 12) return null;
        var last = DateTime.DaysInMonth(year, month);
        if (day is < 1 || day > last) return null;
        return new ParsedTarget(verbatim, TargetKind.Deadline, Deadline: new DateOnly(year, month, day ?? last), UnitKind: UnitKind.Time);
    }

    private static ParsedTarget? ParseRange(string verbatim, string t)
    {
        var m = Range().Match(t);
        if (!m.Success) return null;
        if (!TryNumber(m.Groups["a"].Value, out var low) || !TryNumber(m.Groups["b"].Value, out var high) || low > high) return null;
        var raw = m.Groups["unit"].Value.Length > 0 ? m.Groups["unit"].Value : m.Groups["unit1"].Value;
        if (m.Groups["unit1"].Value.Length > 0 && m.Groups["unit"].Value.Length > 0 && m.Groups["unit1"].Value != m.Groups["unit"].Value) return null;
        var (unit, kind) = Units.Normalise(raw);
        return new ParsedTarget(verbatim, TargetKind.Range, Value: low, UpperValue: high, Unit: unit, RawUnit: raw, UnitKind: kind);
    }

    private static ParsedTarget? ParseNumber(string verbatim, string t)
    {
        Comparator? comparator = null;
        foreach (var (word, c) in PrefixWords)
        {
            if (!t.StartsWith(word, StringComparison.Ordinal)) continue;
            comparator = c;
            t = t[word.Length..];
            if (t.StartsWith('约')) t = t[1..]; // "≥约90%" is still ≥ 90%
            break;
        }
        t = WithoutQualifiers(t);
        // Every trailing comparator word, so that "90%以上以上" is not the unit "%以上": written back as "≥90%" it would
        // read as another unit. Two that disagree ("以上以下") make it no number.
        for (var stripped = true; stripped;)
        {
            stripped = false;
            foreach (var (word, c) in SuffixWords)
            {
                if (!t.EndsWith(word, StringComparison.Ordinal)) continue;
                if (comparator is not null && comparator != c) return null;
                (comparator, t, stripped) = (c, WithoutQualifiers(t[..^word.Length]), true);
                break;
            }
        }
        var m = Number().Match(t);
        if (!m.Success || !TryNumber(m.Groups["n"].Value, out var value)) return null;
        var raw = m.Groups["unit"].Value;
        // "2021年底前完成" is not the number 2021 with a unit: words of time limits make it a deadline or text.
        if (TimeLimitWords.Any(raw.Contains)) return null;
        var (unit, kind) = Units.Normalise(raw);
        return new ParsedTarget(verbatim, TargetKind.Numeric, comparator ?? Comparator.Eq, value, null, unit, raw, kind,
            ComparatorImplicit: comparator is null);
    }

    /// <summary>
    /// Words after a measure that qualify it without being part of its unit: "95%左右", "≥90%（含）", "≥90%。", "100%完成"
    /// (a completion share). 完成 after anything but a percent stays, so that "3个月内完成" is not a number of months.
    /// </summary>
    private static string WithoutQualifiers(string t)
    {
        for (var before = ""; before != t;)
        {
            before = t;
            t = t.TrimEnd(TrailingPunctuation);
            foreach (var q in Qualifiers)
                if (t.EndsWith(q, StringComparison.Ordinal)) t = t[..^q.Length];
            if (t.EndsWith("完成", StringComparison.Ordinal) && PercentEnd().IsMatch(t[..^2])) t = t[..^2];
        }
        return t;
    }

    private static bool TryNumber(string s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    [GeneratedRegex(@"[0-9](%|％|百分比)$")]
    private static partial Regex PercentEnd();

    [GeneratedRegex(@"(?<=[0-9])[,，](?=[0-9]{3}([^0-9]|$))")]
    private static partial Regex DigitGroup();

    [GeneratedRegex(@"^((?<y>[0-9]{4})年度?)?第?(?<q>[一二三四1-4])季度(末|底)?(内|前|之前|以前)?(完成|内完成)?$")]
    private static partial Regex QuarterDeadline();

    [GeneratedRegex(@"^((?<y>[0-9]{4})年度?)?(?<h>[上下])半年(末|底)?(内|前|之前|以前)?(完成|内完成)?$")]
    private static partial Regex HalfYearDeadline();

    [GeneratedRegex(@"^((?<y>[0-9]{4})年)?(?<m>[0-9]{1,2})月((?<d>[0-9]{1,2})[日号])?(底|末)?(内|前|之前|以前)?(完成|内完成)?$")]
    private static partial Regex DateDeadline();

    [GeneratedRegex(@"^(?<y>[0-9]{4})年度?(底|末)?(内|前|之前|以前)?(完成|内完成)?$")]
    private static partial Regex YearDeadline();

    [GeneratedRegex(@"[0-9]{4}年")]
    private static partial Regex StatedYear();

    [GeneratedRegex(@"^(年底|年末|年内|年度内?|本年度?内?|当年度?内?)(前|之前|以前)?(完成|内完成)?$")]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"^(?<a>[0-9]{1,15}(\.[0-9]{1,6})?)(?<unit1>[^0-9.~\-至到]{0,6})(-|~|至|到)(?<b>[0-9]{1,15}(\.[0-9]{1,6})?)(?<unit>[^0-9]{0,8})$")]
    private static partial Regex Range();

    // A leading minus is a negative value ("-5%": a decrease), not a range.
    [GeneratedRegex(@"^(?<n>-?[0-9]{1,15}(\.[0-9]{1,6})?)(?<unit>[^0-9≥≤<>=~\-]{0,8})$")]
    private static partial Regex Number();
}
