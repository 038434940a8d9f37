using PerfPlatform.Contracts;
using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using Xunit;

namespace PerfPlatform.Documents.Tests;

public sealed class SeedParsingTests
{
    private static readonly ParseResult Parsed = TargetDocumentParser.Parse(Seed.Text);
    private static TargetDocument Doc => Parsed.Document;

    [Fact]
    public void The_seed_reads_without_errors_or_warnings()
    {
        Assert.DoesNotContain(Parsed.Findings, f => f.Severity != FindingSeverity.Info);
        Assert.Contains(Parsed.Findings, f => f.Code == "DOC-01");
    }

    [Fact]
    public void Six_projects_with_their_codes_and_exact_amounts()
    {
        Assert.Equal(
        [
            ("130636216T39PTY2WF094", 19_500_000L), ("13063621EG6Q0YDACB33Y", 43_380_000L), ("13063621GNTKS9WIPUKRG", 18_000_000L),
            ("13063621H8S2NQYMS06ZW", 12_000_000L), ("13063621UKW4RET0RBYCO", 20_000_000L), ("13063621YMT9XEFO3YSMF", 177_165_000L),
        ], Doc.Projects.Select(p => (p.Code, p.TotalFen)));
        Assert.All(Doc.Projects, p => Assert.Equal((p.TotalFen, 0L), (p.FiscalFen, p.OtherFen)));
        Assert.Equal(290_045_000m, Doc.TotalFen);
        Assert.All(Doc.Projects, p => Assert.Equal(("434001", "顺平县人民政府办公室（本级）", "单位：元"), (p.UnitCode, p.UnitName, p.AmountUnit)));
        Assert.Equal("0", Doc.Projects[0].Other.Text);
    }

    [Fact]
    public void Names_purposes_and_goals_are_read_as_filed_without_trailing_spaces()
    {
        var first = Doc.Projects[0];
        Assert.Equal("县委县政府办公区网络改造项目经费", first.Name);
        Assert.Equal("县委、县政府办公区网络改造", first.Purpose);
        Assert.Equal(["1.2021年完成支出", "2.对县委、县政府办公区网络进行改造升级，实现WIFI全覆盖"], first.Goals);
        Assert.Equal("1.县委县政府办公区网络改造项目经费绩效目标表", first.Title);
        Assert.Equal("购置9座客车一辆", Doc.Projects[2].Purpose);
    }

    [Fact]
    public void Spending_plans_keep_their_blanks()
    {
        Assert.Equal([("3月底", 3, (int?)null), ("6月底", 6, 3000), ("10月底", 10, 6000), ("12月底", 12, 10000)],
            Doc.Projects[0].SpendingPlan.Select(c => (c.Label, c.Month, c.CumulativeBp)));
        Assert.Equal([null, 10000, null, null], Doc.Projects[2].SpendingPlan.Select(c => c.CumulativeBp));
        Assert.Equal([1000, 10000, null, null], Doc.Projects[5].SpendingPlan.Select(c => c.CumulativeBp));
    }

    [Fact]
    public void Thirty_seven_indicators_with_levels_carried_down()
    {
        var all = Doc.Projects.SelectMany(p => p.Indicators).ToList();
        Assert.Equal(37, all.Count);
        Assert.Equal(19, all.Count(i => i.Level1 == "产出指标"));
        Assert.Equal(12, all.Count(i => i.Level1 == "效益指标"));
        Assert.Equal(6, all.Count(i => i.Level1 == "满意度指标"));
        var carried = Doc.Projects[0].Indicators[1];
        Assert.Equal(("产出指标", "质量指标", true, false), (carried.Level1, carried.Level2, carried.Level1Carried, carried.Level2Carried));
        var cost = Doc.Projects[5].Indicators[3];
        Assert.Equal(("产出指标", "成本指标", "资金成本", "50人"), (cost.Level1, cost.Level2, cost.Name, cost.Target));
        Assert.Equal("顺平县金融服务中心关于申请将防贫保险救助金纳入2021年财政预算的请示", cost.Basis);
    }

    [Fact]
    public void The_department_part_states_six_projects_and_290_05_wan()
    {
        Assert.Equal(6, Doc.Department.StatedProjectCount);
        Assert.Equal(290.05m, Doc.Department.StatedTotalWan);
        Assert.Equal(5, Doc.Department.ItemGoals.Count);
        Assert.Equal([20m, 43.38m], Doc.Department.ItemGoals[3].AmountsWan);
        Assert.StartsWith("加强绩效管理组织领导", Doc.Department.SafeguardMeasures);
        Assert.Equal("290.05", Money.FormatWan(Doc.TotalFen));
    }

    [Fact]
    public void Checks_find_the_same_named_pair_the_renamed_projects_and_the_poverty_plan_and_nothing_else()
    {
        var findings = DocumentChecks.Run(Doc);
        Assert.Equal(
        [
            ("COD-03", FindingSeverity.Warning, "13063621EG6Q0YDACB33Y"),
            ("DOC-02", FindingSeverity.Info, ""),
            ("DOC-03", FindingSeverity.Warning, "130636216T39PTY2WF094"),
            ("DOC-03", FindingSeverity.Warning, "13063621GNTKS9WIPUKRG"),
            ("DOC-03", FindingSeverity.Warning, "13063621UKW4RET0RBYCO"),
            ("PLN-03", FindingSeverity.Warning, "13063621YMT9XEFO3YSMF"),
        ], findings.Select(f => (f.Code, f.Severity, f.ProjectCode ?? "")).Order());
        var sameName = Assert.Single(findings, f => f.Code == "COD-03");
        Assert.Contains("政府大型公务活动项目经费", sameName.Message);
        Assert.Contains("13063621EG6Q0YDACB33Y", sameName.Message);
        Assert.Contains("13063621UKW4RET0RBYCO", sameName.Message);
        var events = Assert.Single(findings, f => f.Code == "DOC-03" && f.ProjectCode == "13063621UKW4RET0RBYCO");
        Assert.Contains("「政府大型公务活动专项经费」（20万元、43.38万元）", events.Message);
        Assert.Contains("「公务用车购置费」", Assert.Single(findings, f => f.Code == "DOC-03" && f.ProjectCode == "13063621GNTKS9WIPUKRG").Message);
        Assert.Contains("「12月」", Assert.Single(findings, f => f.Code == "PLN-03").Message);
    }
}
