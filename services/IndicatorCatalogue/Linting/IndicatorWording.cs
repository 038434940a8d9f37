using PerfPlatform.Contracts.Checks;

namespace PerfPlatform.IndicatorCatalogue.Linting;

/// <summary>What an indicator's words say about it, for the rules that read names and descriptions.</summary>
public static class IndicatorWording
{
    private static readonly string[] PercentNames = ["率", "满意度", "程度", "比例", "比重", "占比", "进度", "百分比"];

    /// <summary>IND-04: a target or unit written into the name ("确保项目完成率100%", "使用人员满意度（%）").</summary>
    public static bool NamesItsTarget(this IndicatorContext x) =>
        x.Name.Contains('%') || x.Name.Contains('％') || x.Name.Contains("百分比") || x.Name.IndexOfAny(['≥', '≤', '＞', '＜', '>', '<']) >= 0;

    /// <summary>A rate by its name, once a target written into it is set aside ("确保项目完成率100%").</summary>
    public static bool NamedAsRate(this IndicatorContext x) =>
        x.IsRate || x.NamesItsTarget() && x.Name.TrimEnd('%', '％', '）', ')', '（', '(').TrimEnd("0123456789.≥≤＞＜><百分比".ToCharArray()).EndsWith('率');

    /// <summary>IND-03: the description says nothing the name does not ("维护完成率 / 维护完成率", punctuation aside).</summary>
    public static bool DescriptionRepeatsName(this IndicatorContext x) => Bare(x.Indicator.Description) == Bare(x.Name);

    /// <summary>Named or described as a share of something, so that a percent target has a meaning.</summary>
    public static bool DefinesAPercent(this IndicatorContext x) =>
        PercentNames.Any(x.Name.Contains) || PercentNames.Any(x.Indicator.Description.Contains);

    /// <summary>Name, description and target: everything the indicator says.</summary>
    public static string Text(this IndicatorContext x) => $"{x.Name} {x.Indicator.Description} {x.Indicator.Target}";

    public static bool Under(this IndicatorContext x, string level1) => x.Indicator.Level1.Trim() == level1;

    public static bool Mentions(this string text, IEnumerable<string> words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>The text without white space and punctuation.</summary>
    public static string Bare(string text) => new(text.Where(c => char.IsLetterOrDigit(c)).ToArray());

    /// <summary>The linter's severity of a rule, as the check catalogue gives it.</summary>
    public static Severity Catalogued(string ruleId) => CheckCatalogue.SeverityOf(ruleId) switch
    {
        CheckSeverity.Error => Severity.Error,
        CheckSeverity.Warning => Severity.Warning,
        _ => Severity.Info,
    };
}
