using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Linting;

/// <summary>
/// Checks on what a single indicator means (LINT-RULES.md SEM-02, 03, 04, 08, 09): where it is classified and whether it
/// can be measured. The words they look for are the ones county filings use; each rule has its own test case.
/// </summary>
public static class SemanticRules
{
    /// <summary>Budget-process measures, which 财预〔2020〕10号 scores under 过程 and 预算执行率 scores again.</summary>
    private static readonly string[] BudgetProcess = ["到位率", "执行率", "下达率", "拨付及时率", "支付及时率", "拨付率", "支付率", "支出进度", "支出率"];

    /// <summary>Measures of what was produced, not of what it changed.</summary>
    private static readonly string[] OutputMeasures = ["完成率", "完成情况", "完成数量", "合格率", "及时率", "验收"];

    /// <summary>Claims of improvement, which mean nothing without the level they improve on.</summary>
    private static readonly string[] Improvements = ["提高率", "提升率", "增长率", "改善率", "水平率"];

    private static readonly string[] Baselines = ["基期", "基线", "基数", "上年", "同比", "较上", "比上", "较20", "比20"];

    public static readonly IReadOnlyList<(string RuleId, Func<IndicatorContext, string?> Check)> All =
    [
        ("SEM-02", x => x.Under("产出指标") && x.Name.Mentions(BudgetProcess)
            ? $"「{x.Name}」衡量的是预算执行过程（资金到位、拨付、支出进度），不是项目产出；这类指标另有专门评分，放在产出下会重复计分，请换成项目实际产出。" : null),
        ("SEM-03", x => x.Under("效益指标") && x.Name.Mentions(OutputMeasures)
            ? $"「{x.Name}」衡量的是产出（完成、合格、及时），不是效益；请移到产出指标下，效益指标写项目带来的变化。" : null),
        ("SEM-04", x => x.Under("满意度指标") && x.Name.Contains("投诉")
            ? $"「{x.Name}」是投诉率，越低越好，与满意度方向相反，也不是满意度调查的结果；请改为「服务对象满意度 ≥90%」等。" : null),
        ("SEM-08", x => x.Under("效益指标") && x.Text().Mentions(Improvements) && !x.Indicator.Description.Mentions(Baselines)
            ? $"「{x.Name}」是提高类效益，但没有基期值和测算方法，年底无法判断是否达成；请在描述中写明基期和计算方法。"
            : x.Target.IsPercent && !x.DefinesAPercent()
                ? $"「{x.Name}」的指标值是百分比，但名称和描述都没有说明是什么的比率；请写明分子和分母，或改用可计量的指标。" : null),
        ("SEM-09", x => x.Target.Kind == TargetKind.Qualitative && !x.NamedAsRate()
            ? $"「{x.Name}」是定性指标，指标值「{x.Indicator.Target.Trim()}」没有评价等级，年底无法判断是否达成；请写明分级标准（好、较好、一般、差）。" : null),
    ];
}
