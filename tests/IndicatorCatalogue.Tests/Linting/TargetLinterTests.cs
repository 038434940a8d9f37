using PerfPlatform.IndicatorCatalogue.Frameworks;
using PerfPlatform.IndicatorCatalogue.Linting;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Linting;

public sealed class TargetLinterTests
{
    private static readonly TargetLinter Linter = new(new FrameworkCatalog());

    private static LintIndicator Row(string level1, string level2, string name, string target, string basis = "依据文件", string? description = null) =>
        new(level1, level2, name, description ?? name + "的计算口径", target, basis);

    private static LintIndicator[] Sound =>
    [
        Row("产出指标", "数量指标", "覆盖人口数量", "47244人"),
        Row("效益指标", "社会效益指标", "群众生活改善", "显著提升"),
        Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
        Row("产出指标", "质量指标", "设备完好率", "≥95%", basis: "行业标准"),
        Row("产出指标", "时效指标", "项目完成时限", "2021年12月31日前"),
    ];

    private static IReadOnlyList<Finding> Lint(params LintIndicator[] extra) =>
        Linter.Lint(new LintRequest(2021, Sound.Concat(extra).ToList())).Findings;

    private static Finding Only(IReadOnlyList<Finding> findings, string ruleId) => Assert.Single(findings, f => f.RuleId == ruleId);

    /// <summary>
    /// The seed's findings with its whole context (budget, purpose, goals, the unit's other five projects): the three errors
    /// and, since the whole catalogue is checked (issue 14), the warnings LINT-RULES.md lists for the seed.
    /// </summary>
    [Fact]
    public void The_seed_has_exactly_its_three_errors_and_the_catalogues_warnings()
    {
        var errors = new List<(string, string, string)>();
        var warnings = new List<(string, string, string)>();
        foreach (var (project, result) in SeedIndicators.Linted(Linter))
        {
            string NameOf(Finding f) => f.IndicatorIndex < 0 ? "（整体）" : project.Indicators[f.IndicatorIndex].Name;
            errors.AddRange(result.Findings.Where(f => f.Severity == Severity.Error).Select(f => (project.Code, NameOf(f), f.RuleId)));
            warnings.AddRange(result.Findings.Where(f => f.Severity == Severity.Warning).Select(f => (project.Code, NameOf(f), f.RuleId)));
        }
        Assert.Equal(
        [
            ("13063621UKW4RET0RBYCO", "资金支付及时率", "VAL-01"),
            ("13063621YMT9XEFO3YSMF", "资金成本", "VAL-05"),
            ("13063621YMT9XEFO3YSMF", "提高贫困人口生活水平率", "VAL-03"),
        ], errors);
        Assert.Equal(
        [
            ("130636216T39PTY2WF094", "（整体）", "SEM-07"),
            ("130636216T39PTY2WF094", "网络故障率", "SEM-01"),
            ("130636216T39PTY2WF094", "确保项目完成率100%", "VAL-04"),
            ("130636216T39PTY2WF094", "确保项目完成率100%", "IND-04"),
            ("130636216T39PTY2WF094", "满意度投诉率", "SEM-04"),
            ("13063621EG6Q0YDACB33Y", "（整体）", "SEM-06"),
            ("13063621EG6Q0YDACB33Y", "（整体）", "SEM-07"),
            ("13063621EG6Q0YDACB33Y", "资金按时下达率", "SEM-01"),
            ("13063621EG6Q0YDACB33Y", "资金按时下达率", "SEM-02"),
            ("13063621EG6Q0YDACB33Y", "资金拨付及时率", "SEM-02"),
            ("13063621EG6Q0YDACB33Y", "维护完成率", "SEM-03"),
            ("13063621EG6Q0YDACB33Y", "运行能力", "SEM-08"),
            ("13063621GNTKS9WIPUKRG", "资金到位率", "SEM-02"),
            ("13063621GNTKS9WIPUKRG", "使用人员满意度（%）", "IND-04"),
            ("13063621H8S2NQYMS06ZW", "资金支出进度", "SEM-01"),
            ("13063621H8S2NQYMS06ZW", "资金支出进度", "SEM-02"),
            ("13063621H8S2NQYMS06ZW", "供电可靠率", "SEM-05"),
            ("13063621H8S2NQYMS06ZW", "年度项目完成情况", "SEM-08"),
            ("13063621H8S2NQYMS06ZW", "长期使用性", "SEM-05"),
            ("13063621H8S2NQYMS06ZW", "单位职工满意率", "VAL-09"),
            ("13063621UKW4RET0RBYCO", "（整体）", "SEM-06"),
            ("13063621UKW4RET0RBYCO", "资金支付及时率", "SEM-02"),
            ("13063621UKW4RET0RBYCO", "维护完成率", "SEM-03"),
            ("13063621UKW4RET0RBYCO", "运行能力", "SEM-08"),
            ("13063621YMT9XEFO3YSMF", "项目完成时间", "VAL-07"),
            ("13063621YMT9XEFO3YSMF", "提高贫困人口生活水平率", "SEM-08"),
            ("13063621YMT9XEFO3YSMF", "投保群众满意度", "VAL-02"),
        ], warnings);
    }

    [Fact]
    public void The_seeds_cost_target_is_compared_with_its_budget_per_person()
    {
        var (_, poverty) = SeedIndicators.Linted(Linter).Single(p => p.Project.Code == "13063621YMT9XEFO3YSMF");
        var cost = Assert.Single(poverty.Findings, f => f.RuleId == "VAL-05");
        Assert.Contains("1,771,650.00 元 ÷ 覆盖人口数量 47,244 人 = 37.50 元/人", cost.Message);
        Assert.Contains("≤37.5元/人", cost.Message);
    }

    [Fact]
    public void A_sound_set_has_no_errors_or_warnings() =>
        Assert.DoesNotContain(Lint(), f => f.Severity is Severity.Error or Severity.Warning);

    [Fact]
    public void A_rate_above_100_percent_is_an_error_but_a_growth_above_100_is_not()
    {
        var f = Only(Lint(Row("产出指标", "时效指标", "资金支付及时率", "1000百分比")), "VAL-01");
        Assert.Equal((Sound.Length, Severity.Error), (f.IndicatorIndex, f.Severity));
        Assert.Contains("1000百分比", f.Message);
        Assert.DoesNotContain(Lint(Row("效益指标", "经济效益指标", "带动增收", "≥150%")), x => x.RuleId == "VAL-01");
    }

    [Fact]
    public void Satisfaction_of_at_least_100_percent_or_exactly_100_is_a_warning()
    {
        Assert.Equal(Severity.Warning, Only(Lint(Row("满意度指标", "服务对象满意度指标", "投保群众满意度", "≥100百分比")), "VAL-02").Severity);
        Assert.Equal(Severity.Warning, Only(Lint(Row("满意度指标", "服务对象满意度指标", "单位职工满意率", "100百分比")), "VAL-09").Severity);
        Assert.DoesNotContain(Lint(Row("满意度指标", "服务对象满意度指标", "满意度投诉率", "≤10%")), x => x.RuleId is "VAL-02" or "VAL-09");
    }

    [Fact]
    public void Mixed_units_and_cost_in_non_money_are_errors()
    {
        Assert.Contains("人百分比", Only(Lint(Row("效益指标", "社会效益指标", "提高贫困人口生活水平率", "95人百分比")), "VAL-03").Message);
        Assert.Equal(Severity.Error, Only(Lint(Row("产出指标", "成本指标", "资金成本", "50人")), "VAL-05").Severity);
        Assert.DoesNotContain(Lint(Row("产出指标", "成本指标", "人均救助成本", "≤37.5元/人")), x => x.RuleId == "VAL-05");
    }

    [Theory]
    [InlineData(2022, "成本指标", "社会成本指标", "征地拆迁影响户数", "≤2户")]
    [InlineData(2022, "成本指标", "生态环境成本指标", "碳排放量", "≤10吨")]
    [InlineData(2021, "产出指标", "成本指标", "成本节约率", "≥5%")]
    [InlineData(2022, "成本指标", "经济成本指标", "成本控制率", "≤100%")]
    [InlineData(2021, "效益指标", "经济效益指标", "降低运行成本", "≥10台")]
    [InlineData(2021, "产出指标", "成本指标", "单位成本降低", "≥2个百分点")]
    public void Only_economic_costs_must_be_money_and_not_as_rates(int year, string level1, string level2, string name, string target) =>
        Assert.DoesNotContain(Linter.Lint(new LintRequest(year, [.. Sound, Row(level1, level2, name, target)])).Findings, f => f.RuleId == "VAL-05");

    [Theory]
    [InlineData(2022, "成本指标", "经济成本指标")]
    [InlineData(2021, "产出指标", "成本指标")]
    public void An_economic_cost_in_people_is_an_error(int year, string level1, string level2) =>
        Assert.Equal(Severity.Error,
            Assert.Single(Linter.Lint(new LintRequest(year, [.. Sound, Row(level1, level2, "资金成本", "50人")])).Findings, f => f.RuleId == "VAL-05").Severity);

    [Theory]
    [InlineData("农民收入增长率", "≥150%")]
    [InlineData("产量提高率", "≥120%")]
    [InlineData("客流增幅", "200%")]
    [InlineData("带动增收", "≥150%")]
    [InlineData("正常运转率", ">95%")]
    [InlineData("验收合格率", "90%-100%")]
    public void Rates_that_may_exceed_100_or_stay_below_it_are_not_flagged(string name, string target) =>
        Assert.DoesNotContain(Lint(Row("效益指标", "经济效益指标", name, target)), f => f.RuleId == "VAL-01");

    [Theory]
    [InlineData("验收合格率", "90%-120%")]
    [InlineData("群众满意度", ">100%")]
    [InlineData("群众满意度", "＞100%")]
    [InlineData("资金支付及时率", "＞100%")]
    [InlineData("服务覆盖率", "≥101%")]
    public void A_capped_rate_above_100_or_required_to_exceed_it_is_an_error(string name, string target)
    {
        var findings = Lint(Row("产出指标", "质量指标", name, target));
        Assert.Equal(Severity.Error, Only(findings, "VAL-01").Severity);
        Assert.DoesNotContain(findings, f => f.RuleId == "VAL-02");
    }

    [Fact]
    public void A_number_without_a_unit_and_an_empty_basis_are_warnings()
    {
        Assert.Equal(Severity.Warning, Only(Lint(Row("产出指标", "数量指标", "培训场次", "≥5")), "VAL-10").Severity);
        Assert.Equal(Severity.Warning, Only(Lint(Row("产出指标", "数量指标", "培训场次", "≥5场", basis: " ")), "IND-07").Severity);
    }

    [Fact]
    public void A_level_2_under_the_wrong_level_1_is_an_error_in_the_years_framework()
    {
        var misplaced = Row("效益指标", "数量指标", "错放的指标", "≥1个");
        var wrong = Only(Lint(misplaced), "IND-01");
        Assert.Equal(Severity.Error, wrong.Severity);
        Assert.Contains("经济效益指标", wrong.Message);
        var cost = Row("产出指标", "成本指标", "单位成本", "≤100元");
        Assert.DoesNotContain(Linter.Lint(new LintRequest(2021, [.. Sound, cost])).Findings, f => f.RuleId == "IND-01");
        var in2022 = Linter.Lint(new LintRequest(2022, [.. Sound, cost])).Findings;
        Assert.Equal(Severity.Error, Assert.Single(in2022, f => f.RuleId == "IND-01").Severity);
        Assert.Contains(in2022, f => f.RuleId == "IND-02" && f.Message.Contains("成本指标"));
    }

    [Fact]
    public void Missing_quantity_indicator_and_duplicate_names_are_found()
    {
        var noQuantity = Linter.Lint(new LintRequest(2021, [Row("产出指标", "质量指标", "验收合格率", "≥90%"), Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")])).Findings;
        Assert.Equal((-1, Severity.Warning), (Only(noQuantity, "IND-02").IndicatorIndex, Only(noQuantity, "IND-02").Severity));
        var duplicate = Only(Lint(Row("效益指标", "社会效益指标", "群众生活改善", "较好")), "IND-06");
        Assert.Equal((Sound.Length, Severity.Error), (duplicate.IndicatorIndex, duplicate.Severity));
        Assert.Contains("第 2 个", duplicate.Message);
    }

    [Theory]
    [InlineData("100%完成")]
    [InlineData("95%左右")]
    [InlineData("≥90%（含）")]
    [InlineData("≥90%。")]
    [InlineData("90%（含）以上")]
    public void A_percent_with_a_qualifier_after_it_is_a_percent_not_a_mix_of_units(string target)
    {
        var findings = Lint(Row("产出指标", "质量指标", "验收合格率", target));
        Assert.DoesNotContain(findings, f => f.Severity is Severity.Error or Severity.Warning);
    }

    [Fact]
    public void Percentage_points_are_not_a_percent_and_not_an_error()
    {
        var findings = Lint(Row("效益指标", "经济效益指标", "农户收入增长", "≥120百分点"), Row("效益指标", "社会效益指标", "就业率提高", "≥2个百分点"));
        Assert.DoesNotContain(findings, f => f.Severity is Severity.Error or Severity.Warning);
        Assert.Contains("人", Only(Lint(Row("效益指标", "社会效益指标", "受益人口比例", "≥30人%")), "VAL-03").Message);
    }

    [Theory]
    [InlineData("12月", true)]
    [InlineData("第二季度完成", true)]
    [InlineData("上半年完成", true)]
    [InlineData("年底前完成", true)]
    [InlineData("2021年上半年", false)]
    [InlineData("2021年底前完成", false)]
    public void A_deadline_without_its_year_is_read_in_the_budget_year_and_warned_about(string target, bool noted)
    {
        var findings = Lint(Row("产出指标", "时效指标", "完成时间", target));
        Assert.DoesNotContain(findings, f => f.Severity is Severity.Error or Severity.Warning && f.RuleId != "VAL-07");
        Assert.Equal(noted, findings.Any(f => f is { RuleId: "VAL-07", Severity: Severity.Warning }));
    }

    [Fact]
    public void An_empty_set_and_an_empty_target_are_errors()
    {
        Assert.Equal(Severity.Error, Assert.Single(Linter.Lint(new LintRequest(2021, [])).Findings).Severity);
        // Two rules, two ids: a finding's id names the rule it comes from.
        Assert.Equal(Severity.Error, Only(Lint(Row("产出指标", "质量指标", "验收合格率", "")), "IND-09").Severity);
        Assert.Equal(Severity.Error, Only(Lint(Row("产出指标", "质量指标", "", "≥90%")), "IND-08").Severity);
    }
}
