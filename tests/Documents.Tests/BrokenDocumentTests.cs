using PerfPlatform.Documents.Checks;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using Xunit;

namespace PerfPlatform.Documents.Tests;

public sealed class BrokenDocumentTests
{
    private static string[] SeedLines => Seed.Text.Split('\n');

    private static int LineOf(string[] lines, string text, int after = 0) =>
        Array.FindIndex(lines, after, l => l.TrimEnd() == text) + 1;

    private static string Replace(string[] lines, int line, string text)
    {
        var copy = lines.ToArray();
        copy[line - 1] = text;
        return string.Join('\n', copy);
    }

    [Fact]
    public void A_broken_budget_sum_is_reported_and_the_rest_is_read()
    {
        var lines = SeedLines;
        var fiscal = LineOf(lines, "\t433800.00", LineOf(lines, "\t其中：财政资金"));
        var parsed = TargetDocumentParser.Parse(Replace(lines, fiscal, "\t433700.00"));
        var finding = Assert.Single(DocumentChecks.Run(parsed.Document, parsed.Lines), f => f.Code == "MNY-01");
        Assert.Equal("13063621EG6Q0YDACB33Y", finding.ProjectCode);
        Assert.Equal(LineOf(lines, "\t433800.00"), finding.Line);
        Assert.Contains("433800.00", finding.Message);
        Assert.Equal(6, parsed.Document.Projects.Count);
    }

    [Fact]
    public void An_unparseable_amount_is_reported_with_its_line()
    {
        var lines = SeedLines;
        var total = LineOf(lines, "\t195000.00");
        var parsed = TargetDocumentParser.Parse(Replace(lines, total, "\t19万5千"));
        var finding = Assert.Single(parsed.Findings, f => f.Code == "DOC-11");
        Assert.Equal(total, finding.Line);
        Assert.Contains("19万5千", finding.Message);
        Assert.Equal(6, parsed.Document.Projects.Count);
        Assert.Equal(37, parsed.Document.Projects.Sum(p => p.Indicators.Count));
    }

    [Fact]
    public void A_plan_that_goes_down_or_ends_below_100_is_reported()
    {
        var lines = SeedLines;
        var sixty = LineOf(lines, "\t60.00%");
        var down = TargetDocumentParser.Parse(Replace(lines, sixty, "\t20.00%"));
        Assert.Contains(DocumentChecks.Run(down.Document, down.Lines), f => f.Code == "PLN-01" && f.Message.Contains("10月底") && f.Line == sixty);

        var last = LineOf(lines, "\t100.00%");
        var below = TargetDocumentParser.Parse(Replace(lines, last, "\t90.00%"));
        Assert.Contains(DocumentChecks.Run(below.Document, below.Lines), f => f.Code == "PLN-02" && f.Message.Contains("90.00%") && f.Line == last);

        var garbage = TargetDocumentParser.Parse(Replace(lines, sixty, "\t六成"));
        Assert.Equal(sixty, Assert.Single(garbage.Findings, f => f.Code == "DOC-12").Line);
    }

    [Fact]
    public void A_table_without_a_code_is_an_error_at_its_title()
    {
        var lines = SeedLines;
        var code = LineOf(lines, "\t13063621GNTKS9WIPUKRG");
        var parsed = TargetDocumentParser.Parse(Replace(lines, code, "\t"));
        var finding = Assert.Single(parsed.Findings, f => f.Code == "DOC-10");
        Assert.Contains("购置公务用车", finding.Message);
        Assert.True(finding.Line < code);
        Assert.Equal(6, parsed.Document.Projects.Count);
    }

    [Fact]
    public void A_table_without_its_code_cell_is_an_error_at_its_row_and_the_rest_is_read()
    {
        var lines = SeedLines.ToList();
        var code = lines.FindIndex(l => l.TrimEnd() == "\t13063621GNTKS9WIPUKRG");
        lines.RemoveAt(code);
        var parsed = TargetDocumentParser.Parse(string.Join('\n', lines));
        var finding = Assert.Single(parsed.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(("DOC-10", code), (finding.Code, finding.Line));
        Assert.Contains("缺少项目编码", finding.Message);
        Assert.Contains("购置公务用车", finding.ProjectCode);
        Assert.Equal(6, parsed.Document.Projects.Count);
        Assert.Equal(37, parsed.Document.Projects.Sum(p => p.Indicators.Count));
        var table = parsed.Document.Projects.Single(p => p.Code.Length == 0);
        Assert.Equal(("购置公务用车项目经费", 180_000_00L), (table.Name, table.Total.Fen));
    }

    /// <summary>
    /// Found by the mutations of the fuzz tests (the row's label swapped away): the amounts were read as blank without an
    /// error, and the rendering read back with empty-amount errors.
    /// </summary>
    [Fact]
    public void A_table_without_its_budget_row_is_an_error_at_its_title_and_the_rest_is_read()
    {
        var lines = SeedLines.ToList();
        var title = lines.FindIndex(l => l.StartsWith("3.购置公务用车项目经费绩效目标表")) + 1;
        lines.RemoveAt(lines.FindIndex(title, l => l.TrimEnd() == "\t预算规模及资金用途"));
        var parsed = TargetDocumentParser.Parse(string.Join('\n', lines));
        var finding = Assert.Single(parsed.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(("DOC-10", title, "13063621GNTKS9WIPUKRG"), (finding.Code, finding.Line, finding.ProjectCode));
        Assert.Contains("预算规模及资金用途", finding.Message);
        Assert.Equal(6, parsed.Document.Projects.Count);
        Assert.Equal(37, parsed.Document.Projects.Sum(p => p.Indicators.Count));
    }

    [Theory]
    [InlineData("第一部分\n一、总体绩效目标\n共有项目1个", "未找到「第二部分")]
    [InlineData("第一部分\n一、总体绩效目标\n共有项目1个\n第二部分\n预算项目绩效目标\n", "下没有项目绩效目标表")]
    public void A_document_without_project_tables_is_an_error(string text, string message)
    {
        var parsed = TargetDocumentParser.Parse(text);
        Assert.Empty(parsed.Document.Projects);
        Assert.Contains(message, Assert.Single(parsed.Findings, f => f.Severity == FindingSeverity.Error).Message);
    }

    [Fact]
    public void A_row_with_too_few_cells_is_an_error_and_the_other_rows_are_kept()
    {
        var lines = SeedLines.ToList();
        var name = lines.FindIndex(l => l == "\t网络故障率");
        lines.RemoveAt(name + 1);
        var parsed = TargetDocumentParser.Parse(string.Join('\n', lines));
        Assert.Contains(parsed.Findings, f => f.Code == "DOC-15" && f.Severity == FindingSeverity.Error);
        Assert.Equal(36, parsed.Document.Projects.Sum(p => p.Indicators.Count));
    }

    [Fact]
    public void A_wrong_stated_total_is_found_and_the_seeds_rounding_is_not()
    {
        var lines = SeedLines;
        var overall = Array.FindIndex(lines, l => l.Contains("290.05万元")) + 1;
        var parsed = TargetDocumentParser.Parse(Replace(lines, overall, lines[overall - 1].Replace("290.05万元", "290.04万元")));
        Assert.Contains(DocumentChecks.Run(parsed.Document), f => f.Code == "MNY-02" && f.Message.Contains("290.05"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("第二部分")]
    [InlineData("\t\t\t\n\n\n")]
    [InlineData("1.某项目绩效目标表\n\t项目编码")]
    [InlineData("第二部分\n1.x绩效目标表\n\t一级指标\n\t\n\n\t\t\t\t\t\t\n")]
    public void Odd_documents_never_throw(string text)
    {
        var result = TargetDocumentParser.Parse(text);
        // DOC-99 is the reader's last resort (an exception it caught): an odd document must be read, not given up on.
        Assert.DoesNotContain(result.Findings, f => f.Code == "DOC-99");
        DocumentChecks.Run(result.Document, result.Lines);
    }

    private const string TwentyNineDigits = "12345678901234567890123456789";

    [Fact]
    public void A_29_digit_amount_is_a_finding_on_its_cell_and_the_rest_is_read()
    {
        var lines = SeedLines;
        var total = LineOf(lines, "\t195000.00");
        var parsed = TargetDocumentParser.Parse(Replace(lines, total, "\t" + TwentyNineDigits + ".00"));
        Assert.DoesNotContain(parsed.Findings, f => f.Code == "DOC-99");
        var finding = Assert.Single(parsed.Findings, f => f.Code == "DOC-11");
        Assert.Equal((total, FindingSeverity.Error, "130636216T39PTY2WF094"), (finding.Line, finding.Severity, finding.ProjectCode));
        Assert.Contains("超出允许范围", finding.Message);
        Assert.Equal(6, parsed.Document.Projects.Count);
        Assert.Equal(37, parsed.Document.Projects.Sum(p => p.Indicators.Count));
        Assert.Contains(DocumentChecks.Run(parsed.Document, parsed.Lines), f => f.Code == "MNY-01" && f.ProjectCode == "130636216T39PTY2WF094");
    }

    [Theory]
    [InlineData("1000000000000.01")] // one fen above the registry's limit
    [InlineData("10000000000000000")] // 17 digits: fits in fen, far above the limit
    public void An_amount_above_what_a_project_may_have_is_a_finding_on_its_cell(string amount)
    {
        var lines = SeedLines;
        var total = LineOf(lines, "\t195000.00");
        var parsed = TargetDocumentParser.Parse(Replace(lines, total, "\t" + amount));
        Assert.Equal(total, Assert.Single(parsed.Findings, f => f.Code == "DOC-11" && f.Message.Contains("超出允许范围")).Line);
        var limit = TargetDocumentParser.Parse(Replace(lines, total, "\t1000000000000.00"));
        Assert.DoesNotContain(limit.Findings, f => f.Code == "DOC-11");
    }

    [Fact]
    public void A_29_digit_percent_in_the_plan_is_a_finding_on_its_cell_and_the_rest_is_read()
    {
        var lines = SeedLines;
        var sixty = LineOf(lines, "\t60.00%");
        var parsed = TargetDocumentParser.Parse(Replace(lines, sixty, "\t" + TwentyNineDigits + "%"));
        Assert.DoesNotContain(parsed.Findings, f => f.Code == "DOC-99");
        var finding = Assert.Single(parsed.Findings, f => f.Code == "DOC-12");
        Assert.Equal((sixty, FindingSeverity.Error), (finding.Line, finding.Severity));
        Assert.Equal(6, parsed.Document.Projects.Count);
        Assert.Equal(37, parsed.Document.Projects.Sum(p => p.Indicators.Count));
    }

    [Fact]
    public void Totals_of_amounts_too_large_for_a_long_sum_are_checked_without_crashing()
    {
        var seed = TargetDocumentParser.Parse(Seed.Text);
        var huge = new Amount("90000000000000000.00", 9_000_000_000_000_000_000);
        var document = seed.Document with
        {
            Projects = ValueList.Of(seed.Document.Projects.Select(p => p with { Total = huge, Fiscal = huge, Other = new Amount("0", 0) })),
        };
        var findings = DocumentChecks.Run(document, seed.Lines);
        Assert.Equal(54_000_000_000_000_000_000m, document.TotalFen);
        Assert.Contains(findings, f => f.Code == "MNY-02" && f.Message.Contains("290.05"));
        Assert.DoesNotContain(findings, f => f.Code == "MNY-01");
    }
}
