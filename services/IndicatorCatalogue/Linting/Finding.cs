using PerfPlatform.IndicatorCatalogue.Targets;

namespace PerfPlatform.IndicatorCatalogue.Linting;

/// <summary>Error blocks submission; Warning the reviewer must see; Info is advice.</summary>
public enum Severity { Info, Warning, Error }

/// <summary>A problem the linter found: the indicator it is about (0-based; -1 for the whole set), the rule, and what to fix.</summary>
public sealed record Finding(int IndicatorIndex, string RuleId, Severity Severity, string Message);

public sealed record LintIndicator(string Level1, string Level2, string Name, string Description, string Target, string Basis);

/// <summary>
/// What the linter reads: the budget year selects the framework; money, purpose, goals and the unit's other projects of the
/// year (for sets copied between projects) are optional context, and the rules that need them stay silent without them.
/// </summary>
public sealed record LintRequest(int BudgetYear, IReadOnlyList<LintIndicator> Indicators, long? BudgetFen = null, string? Purpose = null,
    IReadOnlyList<string>? Goals = null, IReadOnlyList<SiblingProject>? Siblings = null)
{
    public IReadOnlyList<string> GoalList => Goals ?? [];
    public IReadOnlyList<SiblingProject> SiblingList => Siblings ?? [];
}

/// <summary>Another project of the same unit and year, with its indicators.</summary>
public sealed record SiblingProject(string ProjectCode, string Name, IReadOnlyList<LintIndicator> Indicators);

public sealed record LintResult(string FrameworkVersion, IReadOnlyList<ParsedTarget> Parsed, IReadOnlyList<Finding> Findings)
{
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);
}
