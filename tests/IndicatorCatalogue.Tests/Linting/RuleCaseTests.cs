using PerfPlatform.Contracts.Checks;
using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Linting;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Linting;

/// <summary>
/// Every rule of the check catalogue the linter enforces, by id, on a case of its own: the catalogue's example triggers
/// it with the catalogue's severity, on the indicator it is about; the catalogue's fix does not.
/// </summary>
public sealed class RuleCaseTests
{
    private static readonly TargetLinter Linter = new(new FrameworkCatalog());

    private static LintIndicator Row(string level1, string level2, string name, string target, string basis = "计划标准", string? description = null) =>
        new(level1, level2, name, description ?? name + "的计算口径", target, basis);

    private static LintIndicator[] Sound(string basis = "计划标准") =>
    [
        Row("产出指标", "数量指标", "受益人口数量", "47244人", basis),
        Row("产出指标", "质量指标", "设备完好率", "≥95%", basis),
        Row("产出指标", "时效指标", "项目完成时限", "2021年12月31日前", basis),
        Row("效益指标", "社会效益指标", "群众生活改善", "显著提升", basis),
        Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", basis),
    ];

    private static readonly int Added = Sound().Length;
    private const int Set = -1;

    private static LintRequest With(params LintIndicator[] extra) => new(2021, [.. Sound(), .. extra]);

    private sealed record Case(LintRequest Bad, LintRequest Fixed, int Index);

    private static Case One(LintIndicator bad, LintIndicator fixedRow) => new(With(bad), With(fixedRow), Added);

    private const long PovertyBudgetFen = 177_165_000;

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["IND-01"] = One(Row("效益指标", "数量指标", "错放的指标", "≥1个"), Row("产出指标", "数量指标", "错放的指标", "≥1个")),
        ["IND-02"] = new(new LintRequest(2022, Sound()), new LintRequest(2022, [.. Sound(), Row("成本指标", "经济成本指标", "人均成本", "≤37.5元/人")]), Set),
        ["IND-03"] = One(Row("效益指标", "社会效益指标", "维护完好率", "≥90%", description: "维护完好率。"),
            Row("效益指标", "社会效益指标", "维护完好率", "≥90%", description: "维护完好的设备数÷设备总数")),
        ["IND-04"] = One(Row("产出指标", "质量指标", "确保项目完成率100%", "=100%"), Row("产出指标", "质量指标", "项目完成率", "=100%")),
        ["IND-05"] = new(new LintRequest(2021, Sound("顺平县人民政府办公室关于将购置公务用车经费列入预算的请示")), new LintRequest(2021, Sound()), Set),
        ["IND-06"] = One(Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥85%"), Row("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥85%")),
        ["IND-07"] = One(Row("产出指标", "数量指标", "培训场次", "≥5场", basis: " "), Row("产出指标", "数量指标", "培训场次", "≥5场")),
        ["IND-08"] = One(Row("产出指标", "质量指标", "", "≥90%"), Row("产出指标", "质量指标", "验收合格率", "≥90%")),
        ["IND-09"] = One(Row("产出指标", "质量指标", "验收合格率", ""), Row("产出指标", "质量指标", "验收合格率", "≥90%")),
        ["VAL-01"] = One(Row("产出指标", "时效指标", "资金支付及时率", "1000百分比"), Row("产出指标", "时效指标", "资金支付及时率", "=100%")),
        ["VAL-02"] = One(Row("满意度指标", "服务对象满意度指标", "投保群众满意度", "≥100百分比"), Row("满意度指标", "服务对象满意度指标", "投保群众满意度", "≥90%")),
        ["VAL-03"] = One(Row("效益指标", "社会效益指标", "贫困人口生活水平达标率", "95人百分比"), Row("效益指标", "社会效益指标", "贫困人口生活水平达标率", "≥95%")),
        ["VAL-04"] = One(Row("产出指标", "质量指标", "项目完成率", "保障各项工作正常运转"), Row("产出指标", "质量指标", "项目完成率", "=100%")),
        ["VAL-05"] = new(With(Row("产出指标", "成本指标", "人均救助成本", "≤30元/人")) with { BudgetFen = PovertyBudgetFen },
            With(Row("产出指标", "成本指标", "人均救助成本", "≤37.5元/人")) with { BudgetFen = PovertyBudgetFen }, Added),
        ["VAL-06"] = One(Row("产出指标", "数量指标", "培训场次", "5场"), Row("产出指标", "数量指标", "培训场次", "≥5场")),
        ["VAL-07"] = One(Row("产出指标", "时效指标", "项目完成时间", "12月"), Row("产出指标", "时效指标", "项目完成时间", "2021年12月31日前")),
        ["VAL-08"] = new(With(Row("产出指标", "数量指标", "购买数量", "≥1辆")) with { Purpose = "购置9座客车一辆" },
            With(Row("产出指标", "数量指标", "购买数量", "=1辆")) with { Purpose = "购置9座客车一辆" }, Added),
        ["VAL-09"] = One(Row("满意度指标", "服务对象满意度指标", "单位职工满意率", "100百分比"), Row("满意度指标", "服务对象满意度指标", "单位职工满意率", "≥90%")),
        ["VAL-10"] = One(Row("产出指标", "数量指标", "培训场次", "≥5"), Row("产出指标", "数量指标", "培训场次", "≥5场")),
        ["SEM-01"] = One(Row("产出指标", "数量指标", "网络故障率", "≤10百分比"), Row("产出指标", "质量指标", "网络故障率", "≤10百分比")),
        ["SEM-02"] = One(Row("产出指标", "数量指标", "资金按时下达率", "=100%"), Row("产出指标", "数量指标", "改造点位数", "≥20个")),
        ["SEM-03"] = One(Row("效益指标", "经济效益指标", "维护完成率", "≥90百分比"), Row("产出指标", "质量指标", "维护完成率", "≥90百分比")),
        ["SEM-04"] = One(Row("满意度指标", "服务对象满意度指标", "满意度投诉率", "≤10百分比"), Row("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%")),
        ["SEM-05"] = new(With(Row("产出指标", "质量指标", "供电可靠率", "≥90百分比")) with { Purpose = "金融服务中心办公经费" },
            With(Row("产出指标", "质量指标", "办公设备完好率", "≥90百分比")) with { Purpose = "金融服务中心办公经费" }, Added),
        ["SEM-06"] = new(new LintRequest(2021, Sound(), Siblings: [new SiblingProject("13063621UKW4RET0RBYCO", "办公设备", Sound()[..3])]),
            new LintRequest(2021, Sound(), Siblings: [new SiblingProject("13063621UKW4RET0RBYCO", "办公设备", Sound()[..2])]), Set),
        ["SEM-07"] = new(new LintRequest(2021, Sound(), Goals: ["实现WIFI全覆盖"]),
            new LintRequest(2021, [.. Sound(), Row("产出指标", "质量指标", "WIFI覆盖率", "=100%")], Goals: ["实现WIFI全覆盖"]), Set),
        ["SEM-08"] = One(Row("效益指标", "社会效益指标", "运行能力", "≥90百分比"), Row("效益指标", "社会效益指标", "系统可用率", "≥90百分比")),
        ["SEM-09"] = One(Row("效益指标", "可持续影响指标", "长期使用性", "长期较好满足工作需求"), Row("效益指标", "可持续影响指标", "设备使用年限", "≥10年")),
        ["SEM-10"] = new(new LintRequest(2021, Sound(), Purpose: "电费43.38万元"), new LintRequest(2021, Sound(), Purpose: "用于防贫保险救助"), 4),
    };

    public static TheoryData<string> RuleIds => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void The_catalogues_example_triggers_the_rule_with_its_severity_and_the_fix_does_not(string ruleId)
    {
        var c = Cases[ruleId];
        var rule = CheckCatalogue.Get(ruleId);
        var found = Assert.Single(Linter.Lint(c.Bad).Findings, f => f.RuleId == ruleId && f.IndicatorIndex == c.Index);
        Assert.True(rule.Allows((CheckSeverity)(int)found.Severity), $"{ruleId}: {found.Severity}");
        Assert.DoesNotContain(Linter.Lint(c.Fixed).Findings, f => f.RuleId == ruleId && f.IndicatorIndex == c.Index);
    }

    [Fact]
    public void Every_rule_the_linter_owns_has_its_own_case() =>
        Assert.Equal(CheckCatalogue.All.Where(r => r.Stage == CheckStage.Indicators).Select(r => r.Id).Order(), Cases.Keys.Order());

    [Fact]
    public void The_linter_reports_each_rule_with_its_catalogued_severity_on_the_seed()
    {
        foreach (var (_, result) in SeedIndicators.Linted(Linter))
            Assert.All(result.Findings, f => Assert.True(CheckCatalogue.Get(f.RuleId).Allows((CheckSeverity)(int)f.Severity), $"{f.RuleId} {f.Severity}"));
    }

    [Fact]
    public void A_missing_category_is_a_warning_before_the_2021_guide_and_an_error_from_it()
    {
        LintIndicator[] noTimeliness = [.. Sound().Where(i => i.Level2 != "时效指标"), Row("成本指标", "经济成本指标", "人均成本", "≤37.5元/人")];
        Assert.Equal(Severity.Warning, Assert.Single(Linter.Lint(new LintRequest(2021, Sound().Where(i => i.Level2 != "时效指标").ToList())).Findings,
            f => f.RuleId == "IND-02").Severity);
        var in2022 = Assert.Single(Linter.Lint(new LintRequest(2022, noTimeliness)).Findings, f => f.RuleId == "IND-02");
        Assert.Equal(Severity.Error, in2022.Severity);
        Assert.Contains("时效指标", in2022.Message);
    }
}
