using PerfPlatform.Contracts.Checks;
using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using Xunit;

namespace PerfPlatform.Documents.Tests;

/// <summary>
/// Every rule of the check catalogue the document checks enforce, by id, on a case of its own: the seed with one change
/// that breaks the rule gives a finding of that id with the catalogue's severity. The seed itself is the case of DOC-01,
/// DOC-02, DOC-03, COD-03 and PLN-03 (its own mistakes), and is clean of the others.
/// </summary>
public sealed class RuleCaseTests
{
    private static string[] SeedLines => Seed.Text.Split('\n');

    private static int LineOf(string[] lines, string text, int after = 0) => Array.FindIndex(lines, after, l => l.TrimEnd() == text) + 1;

    /// <summary>The seed with the first line equal to <paramref name="line"/> (after the first equal to <paramref name="after"/>) replaced.</summary>
    private static string Changed(string line, string text, string? after = null)
    {
        var lines = SeedLines;
        var at = LineOf(lines, line, after is null ? 0 : LineOf(lines, after));
        Assert.True(at > 0, line);
        lines[at - 1] = text;
        return string.Join('\n', lines);
    }

    private static IReadOnlyList<DocumentFinding> FindingsOf(string text)
    {
        var parsed = TargetDocumentParser.Parse(text);
        return parsed.Findings.Concat(DocumentChecks.Run(parsed.Document, parsed.Lines)).ToList();
    }

    private static readonly Dictionary<string, Func<string>> Cases = new()
    {
        ["DOC-01"] = () => Seed.Text,
        ["DOC-02"] = () => Seed.Text,
        ["DOC-03"] = () => Seed.Text,
        ["DOC-10"] = () => Changed("第二部分", "第三部分"),
        ["DOC-11"] = () => Changed("\t195000.00", "\t19万5千"),
        ["DOC-12"] = () => Changed("\t60.00%", "\t六成"),
        ["DOC-13"] = () => Changed("部门整体绩效目标", "附：无关的一段话"),
        ["DOC-14"] = () => Changed("一、总体绩效目标 TC 总体绩效目标 \\f A \\l 1", "（总体目标见下）"),
        ["DOC-15"] = () => Changed("\t≤10百分比", ""),
        ["DOC-16"] = () => Changed("\t产出指标", "\t", "\t130636216T39PTY2WF094"),
        ["DOC-17"] = () => Changed("\t县委县政府办公区网络改造项目经费", "\t" + new string('网', ServiceLimits.MaxProjectName + 1)),
        ["COD-01"] = () => Changed("\t130636216T39PTY2WF094", "\t13063621ABC"),
        ["COD-02"] = () => Changed("\t13063621GNTKS9WIPUKRG", "\t130636216T39PTY2WF094"),
        ["COD-03"] = () => Seed.Text,
        ["MNY-01"] = () => Changed("\t433800.00", "\t433700.00", "\t其中：财政资金"),
        ["MNY-02"] = () => Seed.Text.Replace("共涉及资金290.05万元", "共涉及资金290.04万元"),
        ["PLN-01"] = () => Changed("\t60.00%", "\t20.00%"),
        ["PLN-02"] = () => Changed("\t100.00%", "\t90.00%"),
        ["PLN-03"] = () => Seed.Text,
        ["PLN-04"] = () => Changed("\t100.00%", "\t90.00%"),
        ["PLN-05"] = () => Changed("\t10月底", "\t9月底"),
    };

    public static TheoryData<string> RuleIds => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void The_rules_case_gives_a_finding_of_its_id_with_the_catalogued_severity(string ruleId)
    {
        var findings = FindingsOf(Cases[ruleId]()).Where(f => f.Code == ruleId).ToList();
        Assert.NotEmpty(findings);
        Assert.Contains(findings, f => (int)f.Severity == (int)CheckCatalogue.SeverityOf(ruleId));
    }

    /// <summary>DOC-99 is the parser's defence in depth: no input is known to reach it, and FuzzTests assert none does.</summary>
    private static readonly string[] Unreachable = ["DOC-99"];

    [Fact]
    public void Every_rule_the_document_checks_own_has_its_own_case() =>
        Assert.Equal(CheckCatalogue.All.Where(r => r.Stage == CheckStage.Document).Select(r => r.Id).Except(Unreachable).Order(), Cases.Keys.Order());

    [Fact]
    public void Every_finding_of_every_case_has_a_catalogued_id_and_an_allowed_severity()
    {
        foreach (var (id, text) in Cases)
            Assert.All(FindingsOf(text()), f =>
                Assert.True(CheckCatalogue.Contains(f.Code) && CheckCatalogue.Get(f.Code).Allows((CheckSeverity)(int)f.Severity), $"{id}: {f.Code} {f.Severity}"));
    }

    [Theory]
    [InlineData("12月", 12)]
    [InlineData("2021年第二季度完成", 6)]
    [InlineData("上半年完成", 6)]
    [InlineData("2021年12月31日前", 12)]
    [InlineData("年底前完成", 12)]
    [InlineData("100百分比", null)]
    public void A_completion_date_names_its_month(string target, int? month) => Assert.Equal(month, ConsistencyChecks.DeadlineMonth(target));

    [Fact]
    public void A_plan_completed_when_the_timeliness_indicator_says_is_consistent()
    {
        var fixedPoverty = Seed.Text.Replace("\t12月\n", "\t2021年6月30日前\n");
        Assert.NotEqual(Seed.Text, fixedPoverty);
        Assert.DoesNotContain(FindingsOf(fixedPoverty), f => f.Code == "PLN-03");
    }
}
