using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using Xunit;

namespace PerfPlatform.Documents.Tests;

/// <summary>What the services would refuse is an error on the table's line before anything is imported.</summary>
public sealed class AcceptanceCheckTests
{
    private const string Network = "130636216T39PTY2WF094";

    private static string[] SeedLines => Seed.Text.Split('\n');

    private static int LineOf(string[] lines, string text) => Array.FindIndex(lines, l => l.TrimEnd() == text) + 1;

    private static IReadOnlyList<DocumentFinding> Check(string[] lines, int line, string text)
    {
        var copy = lines.ToArray();
        copy[line - 1] = text;
        var parsed = TargetDocumentParser.Parse(string.Join('\n', copy));
        return parsed.Findings.Concat(DocumentChecks.Run(parsed.Document, parsed.Lines)).Where(f => f.Severity == FindingSeverity.Error).ToList();
    }

    [Fact]
    public void A_checkpoint_the_platform_does_not_plan_is_an_error_on_its_label()
    {
        var lines = SeedLines;
        var october = LineOf(lines, "\t10月底");
        var finding = Assert.Single(Check(lines, october, "\t9月底"));
        Assert.Equal(("PLN-05", october, Network), (finding.Code, finding.Line, finding.ProjectCode));
        Assert.Contains("3月底、6月底、10月底、12月底", finding.Message);
        Assert.Contains("9月底", finding.Message);
    }

    [Theory]
    [InlineData("\t3月末")]
    [InlineData("\t截至3月底")]
    public void A_checkpoint_label_the_service_would_refuse_is_an_error_on_it(string text)
    {
        var lines = SeedLines;
        var march = LineOf(lines, "\t3月底");
        var finding = Assert.Single(Check(lines, march, text));
        Assert.Equal(("PLN-05", march, Network), (finding.Code, finding.Line, finding.ProjectCode));
        Assert.Contains("「3月底」", finding.Message);
    }

    [Fact]
    public void An_indicator_name_longer_than_the_catalogue_takes_is_an_error_on_its_row()
    {
        var lines = SeedLines;
        var name = LineOf(lines, "\t网络故障率");
        var finding = Assert.Single(Check(lines, name, "\t" + new string('长', ServiceLimits.MaxIndicatorName + 1)));
        Assert.Equal(("DOC-17", name - 2, Network), (finding.Code, finding.Line, finding.ProjectCode));
        Assert.Contains("三级指标名称", finding.Message);
        Assert.Contains($"{ServiceLimits.MaxIndicatorName}", finding.Message);
        Assert.Empty(Check(lines, name, "\t" + new string('长', ServiceLimits.MaxIndicatorName)));
    }

    [Fact]
    public void An_empty_indicator_name_and_an_over_long_target_are_errors()
    {
        var lines = SeedLines;
        var name = LineOf(lines, "\t网络故障率");
        Assert.Contains("三级指标名称为空", Assert.Single(Check(lines, name, "\t")).Message);
        var target = LineOf(lines, "\t≤10百分比");
        Assert.Contains("指标值", Assert.Single(Check(lines, target, "\t" + new string('9', ServiceLimits.MaxIndicatorTarget + 1))).Message);
    }

    [Fact]
    public void A_project_name_longer_than_the_registry_takes_is_an_error_on_its_cell()
    {
        var lines = SeedLines;
        var name = LineOf(lines, "\t县委县政府办公区网络改造项目经费");
        var finding = Assert.Single(Check(lines, name, "\t" + new string('名', ServiceLimits.MaxProjectName + 1)));
        Assert.Equal(("DOC-17", name, Network), (finding.Code, finding.Line, finding.ProjectCode));
    }
}
