using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Parsing;
using PerfPlatform.IndicatorCatalogue.Linting;
using PerfPlatform.TestSupport;

namespace PerfPlatform.IndicatorCatalogue.Tests;

/// <summary>The seed's six projects and their 37 indicators, read with the Documents parser.</summary>
public static class SeedIndicators
{
    public static TargetDocument Document { get; } = TargetDocumentParser.Parse(File.ReadAllText(TestEnvironment.SeedPath)).Document;

    public static IEnumerable<(ProjectTable Project, IReadOnlyList<LintIndicator> Indicators)> Projects =>
        Document.Projects.Select(p => (p, (IReadOnlyList<LintIndicator>)p.Indicators
            .Select(i => new LintIndicator(i.Level1, i.Level2, i.Name, i.Description, i.Target, i.Basis)).ToList()));

    /// <summary>Each project linted with all its context: budget, purpose, goals and the other five projects as siblings.</summary>
    public static IEnumerable<(ProjectTable Project, LintResult Result)> Linted(TargetLinter linter)
    {
        var all = Projects.ToList();
        return all.Select(p => (p.Project, linter.Lint(new LintRequest(2021, p.Indicators, p.Project.TotalFen, p.Project.Purpose, p.Project.Goals,
            all.Where(o => o.Project.Code != p.Project.Code).Select(o => new SiblingProject(o.Project.Code, o.Project.Name, o.Indicators)).ToList()))));
    }
}
