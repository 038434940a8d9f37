using System.Globalization;
using PerfPlatform.IndicatorCatalogue.Linting;
using PerfPlatform.IndicatorCatalogue.Targets;
using PerfPlatform.Protos.Indicators.V1;
using Severity = PerfPlatform.IndicatorCatalogue.Linting.Severity;
using SiblingProject = PerfPlatform.IndicatorCatalogue.Linting.SiblingProject;

namespace PerfPlatform.IndicatorCatalogue.Sets;

public sealed record Review(string FrameworkVersion, IReadOnlyList<StoredParsedTarget> Parsed, IReadOnlyList<StoredFinding> Findings);

/// <summary>Parses and lints a filed set in the shapes that are stored and sent.</summary>
public sealed class TargetReviewer(TargetLinter linter)
{
    /// <summary>An empty purpose is no purpose: the rules that compare indicators with it then stay silent.</summary>
    public Review Review(int year, IEnumerable<Indicator> indicators, long? budgetFen, string? purpose,
        IEnumerable<string>? goals = null, IEnumerable<SiblingProject>? siblings = null)
    {
        var result = linter.Lint(new LintRequest(year, indicators.Select(ToLint).ToList(), budgetFen,
            string.IsNullOrWhiteSpace(purpose) ? null : purpose, goals?.ToList(), siblings?.ToList()));
        return new Review(result.FrameworkVersion, result.Parsed.Select(Store).ToList(),
            result.Findings.Select(f => new StoredFinding(f.IndicatorIndex, f.RuleId, Name(f.Severity), f.Message)).ToList());
    }

    public static LintIndicator ToLint(Indicator i) => new(i.Level1, i.Level2, i.Name, i.Description, i.Target, i.Basis);

    private static string Name(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static StoredParsedTarget Store(Targets.ParsedTarget p) => new(
        p.Kind.ToString().ToLowerInvariant(),
        p.Comparator?.ToString().ToLowerInvariant() ?? "",
        p.Value?.ToString(CultureInfo.InvariantCulture) ?? "",
        p.UpperValue?.ToString(CultureInfo.InvariantCulture) ?? "",
        p.Unit,
        p.RawUnit,
        p.UnitKind.ToString().ToLowerInvariant(),
        p.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        p.ComparatorImplicit);
}
