using PerfPlatform.Contracts.Checks;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Linting;

/// <summary>docs/check-catalogue.md is the code's catalogue, rendered; and the catalogue is LINT-RULES.md's, whole.</summary>
public sealed class CheckCatalogueDocTests
{
    private static string DocPath => Path.Combine(TestEnvironment.RepoRoot, "docs", "check-catalogue.md");

    [Fact]
    public void The_published_document_is_the_codes_catalogue()
    {
        var rendered = CheckCatalogueMarkdown.Render();
        if (Environment.GetEnvironmentVariable("PERF_UPDATE_DOCS") == "1") File.WriteAllText(DocPath, rendered);
        Assert.Equal(rendered, File.ReadAllText(DocPath).ReplaceLineEndings("\n"));
    }

    /// <summary>Every id LINT-RULES.md names (DOC-01…03, COD, MNY, PLN-01…04, IND-01…05, VAL-01…09, SEM-01…10, EXE-01…06).</summary>
    [Fact]
    public void Every_rule_of_the_lint_rules_catalogue_is_in_the_codes_catalogue()
    {
        string[] ids =
        [
            "DOC-01", "DOC-02", "DOC-03", "COD-01", "COD-02", "COD-03", "MNY-01", "MNY-02", "PLN-01", "PLN-02", "PLN-03", "PLN-04",
            .. Enumerable.Range(1, 5).Select(i => $"IND-0{i}"), .. Enumerable.Range(1, 9).Select(i => $"VAL-0{i}"),
            .. Enumerable.Range(1, 10).Select(i => $"SEM-{i:00}"), .. Enumerable.Range(1, 6).Select(i => $"EXE-0{i}"),
        ];
        Assert.All(ids, id => Assert.True(CheckCatalogue.Contains(id), id));
        Assert.All(ids.Select(CheckCatalogue.Get), r => Assert.NotEqual("", r.CatalogueSeverity));
    }

    [Fact]
    public void A_severity_other_than_the_catalogues_says_why()
    {
        foreach (var r in CheckCatalogue.All.Where(r => r.CatalogueSeverity is "E" or "W" or "I"))
            if (CheckRule.Letter(r.Severity) != r.CatalogueSeverity || r.LowerSeverity is not null)
                Assert.True(r.SeverityNote.Length > 0, r.Id);
        Assert.All(CheckCatalogue.All, r => Assert.All(new[] { r.Title, r.Explanation, r.Example, r.Fix, r.Category }, t => Assert.NotEmpty(t)));
        Assert.Equal(CheckCatalogue.All.Count, CheckCatalogue.All.Select(r => r.Id).Distinct().Count());
    }

    /// <summary>Every rule id quoted in the services' source is in the catalogue, so that no finding has an unpublished id.</summary>
    [Fact]
    public void Every_rule_id_the_code_reports_is_catalogued()
    {
        var ids = Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepoRoot, "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"((?:DOC|COD|MNY|PLN|IND|VAL|SEM|EXE)-\\d{2})\"").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.True(ids.Count > 30, string.Join(",", ids));
        Assert.All(ids, id => Assert.True(CheckCatalogue.Contains(id), id));
    }
}
