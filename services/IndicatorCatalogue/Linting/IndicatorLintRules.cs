using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Linting;

/// <summary>One indicator under review, with its parsed target and the framework of its year.</summary>
public sealed record IndicatorContext(int Index, LintIndicator Indicator, ParsedTarget Target, IndicatorFramework Framework)
{
    public string Name => Indicator.Name.Trim();

    /// <summary>Named as a rate or share (…率, 满意度, 比例), which should be measured in percent.</summary>
    public bool IsRate => Name.EndsWith('率') || Name.Contains("率（") || Name.Contains("满意度") || Name.Contains("满意率")
                          || Name.Contains("比例") || Name.Contains("比重") || Name.Contains("覆盖率");

    /// <summary>
    /// A rate that cannot exceed 100% by what it measures (a share of a whole): 完成率, 及时率, 合格率, 满意度 …; a growth
    /// or increase (增长率, 提高率, 增幅) can.
    /// </summary>
    public bool IsCappedRate => CappedRates.Any(Name.Contains) && !UncappedRates.Any(Name.Contains);

    public bool IsSatisfaction => (Name.Contains("满意度") || Name.Contains("满意率")) && !Name.Contains("投诉");

    /// <summary>
    /// A cost that must be stated in money: 经济成本指标 under 成本指标 (财预〔2021〕101号) and 成本指标 under 产出指标
    /// (财预〔2015〕88号). 社会成本 and 生态环境成本 are not money by definition, and a rate (成本节约率 ≥5%) is a percent.
    /// </summary>
    public bool IsMonetaryCost => (Indicator.Level1.Trim(), Indicator.Level2.Trim()) is ("成本指标", "经济成本指标") or ("产出指标", "成本指标");

    private static readonly string[] CappedRates =
    [
        "完成率", "及时率", "合格率", "到位率", "覆盖率", "满意度", "满意率", "达标率", "使用率", "执行率", "准确率", "知晓率",
        "完好率", "达成率", "可靠率", "运转率", "下达率", "拨付率", "支付率", "办结率", "解决率", "受理率", "响应率", "回复率",
        "通过率", "出勤率", "参保率", "入学率", "普及率", "故障率", "投诉率", "合规率", "正确率", "到岗率", "成活率", "就业率",
        "入住率", "回收率", "处理率", "修复率", "治愈率", "利用率", "接种率", "签约率", "落实率", "在线率", "比例", "比重", "占比",
    ];

    private static readonly string[] UncappedRates = ["增长率", "提高率", "提升率", "增幅", "增速", "增长"];
}

/// <summary>
/// The checks on a single indicator, as a table: rule id, severity and the check itself, which answers the Chinese
/// message when the indicator fails it. Ids follow the rule catalogue (CheckCatalogue, docs/check-catalogue.md) and stay stable.
/// </summary>
public static class IndicatorLintRules
{
    public static readonly IReadOnlyList<(string RuleId, Severity Severity, Func<IndicatorContext, string?> Check)> All =
    [
        ("IND-08", Severity.Error, x => x.Name.Length == 0 ? "三级指标名称为空，请填写指标名称。" : null),
        ("IND-09", Severity.Error, x => x.Target.Kind == TargetKind.Empty ? $"「{x.Name}」未填写指标值，请填写可衡量的目标值。" : null),
        ("IND-01", Severity.Error, x => x.Framework.HasPair(x.Indicator.Level1.Trim(), x.Indicator.Level2.Trim()) ? null
            : x.Framework.HasLevel1(x.Indicator.Level1.Trim())
                ? $"「{x.Indicator.Level2}」不是「{x.Indicator.Level1}」下的二级指标（{x.Framework.Title}），应为：{string.Join("、", x.Framework.Levels[x.Indicator.Level1.Trim()])}。"
                : $"「{x.Indicator.Level1}」不是{x.Framework.Title}中的一级指标，应为：{string.Join("、", x.Framework.Levels.Keys)}。"),
        ("VAL-03", Severity.Error, x => x.Target.UnitKind == UnitKind.Mixed
            ? $"「{x.Name}」的指标值「{x.Target.Text}」计量单位「{x.Target.RawUnit}」混用了不同类型的单位，请只保留一个单位（如「≥{x.Target.Value}%」）。" : null),
        ("VAL-01", Severity.Error, x => !x.IsCappedRate || !x.Target.IsPercent ? null
            : x.Target.Value > 100 || x.Target.UpperValue > 100
                ? $"「{x.Name}」是比率类指标，指标值「{x.Target.Text}」超过了100%，请改为不超过100%的值（如「100%」）。"
                : x.Target.Comparator == Comparator.Gt && x.Target.Value >= 100
                    ? $"「{x.Name}」是比率类指标，不可能超过100%，指标值「{x.Target.Text}」无法实现，请改为「≥90%」或「=100%」等可实现的值。"
                    : null),
        ("VAL-02", Severity.Warning, x => x.IsSatisfaction && x.Target.IsPercent && x.Target.Value == 100 && x.Target.Comparator == Comparator.Ge
            ? $"「{x.Name}」的指标值「{x.Target.Text}」只有恰好达到100%才能实现，满意度目标通常设为「≥90%」左右，请核实。" : null),
        ("VAL-10", Severity.Warning, x => x.Target.IsQuantitative && x.Target.UnitKind == UnitKind.None
            ? $"「{x.Name}」的指标值「{x.Target.Text}」只有数字没有计量单位，请注明单位（如人、台、%、元）。" : null),
        ("IND-07", Severity.Warning, x => string.IsNullOrWhiteSpace(x.Indicator.Basis)
            ? $"「{x.Name}」未填写指标值确定依据，请注明目标值的来源（计划标准、行业标准、历史标准或其他）。" : null),
        ("VAL-09", Severity.Warning, x => x.IsSatisfaction && x.Target.IsPercent && x.Target.Value >= 100 && x.Target.Comparator == Comparator.Eq
            ? $"「{x.Name}」的目标为100%，满意度目标通常在85%至95%之间，请确认是否可实现。" : null),
        ("VAL-06", Severity.Info, x => x.Target.Kind == TargetKind.Numeric && x.Target.ComparatorImplicit
            ? $"「{x.Name}」的指标值「{x.Target.Text}」没有比较符号，按「=」理解；如为下限或上限，请写明「≥」或「≤」。" : null),
        ("VAL-07", Severity.Warning, x => x.Target.Kind == TargetKind.Deadline && !TargetParser.NamesYear(x.Target.Text)
            ? $"「{x.Name}」的指标值「{x.Target.Text}」未写明年份，按预算年度的{x.Target.Deadline:yyyy年M月d日}理解，建议写成「{x.Target.Deadline:yyyy年M月d日}前完成」。" : null),
        ("VAL-04", Severity.Warning, x => x.NamedAsRate() && x.Target.Kind == TargetKind.Qualitative
            ? $"「{x.Name}」是比率类指标，但指标值「{x.Target.Text}」不是百分比，建议改为可衡量的比率。" : null),
        ("SEM-01", Severity.Warning, x => x.Indicator.Level2.Trim() == "数量指标" && x.Target.IsPercent
            ? $"「{x.Name}」放在数量指标下，但指标值是百分比；数量指标宜为数量（人、台、次等），比率可放在质量或时效指标下。" : null),
        ("IND-04", Severity.Warning, x => x.NamesItsTarget()
            ? $"「{x.Name}」的名称中含有目标值或单位，建议名称只写指标本身，目标值填在指标值栏。" : null),
        ("IND-03", Severity.Info, x => x.Name.Length > 0 && x.DescriptionRepeatsName()
            ? $"「{x.Name}」的指标描述与名称相同，建议写明计算口径（如分子、分母）。" : null),
    ];
}
