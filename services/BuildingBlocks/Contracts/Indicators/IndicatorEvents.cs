namespace PerfPlatform.Contracts.Indicators;

/// <summary>
/// One indicator as filed, with the kind its target parsed to (numeric, range, deadline, qualitative, empty) and the
/// linter's findings on it (null in events sent before findings were counted per indicator).
/// </summary>
public sealed record IndicatorSnapshot(
    string Level1,
    string Level2,
    string Name,
    string Description,
    string Target,
    string Basis,
    string TargetKind,
    FindingCounts? Findings = null);

/// <summary>The linter's findings on a set or on one indicator, counted by severity.</summary>
public sealed record FindingCounts(int Errors, int Warnings, int Infos);

/// <summary>An error the linter found: on indicator <see cref="IndicatorIndex"/> (-1 for the set as a whole), by which rule, and why.</summary>
public sealed record FindingNote(int IndicatorIndex, string RuleId, string Message);

/// <summary>
/// A project's indicator set was replaced whole; carries the full new set, so the newest event alone is enough.
/// <see cref="Errors"/> lists the linter's errors so that the registry can refuse a submission without asking (null in
/// events sent before they were carried; <see cref="Findings"/> still counts them); <see cref="Rules"/> counts the findings
/// per rule for the data-quality scorecard.
/// </summary>
public sealed record IndicatorSetReplaced(
    string ProjectCode,
    string DivisionCode,
    string UnitCode,
    int Year,
    long Version,
    string FrameworkVersion,
    IReadOnlyList<IndicatorSnapshot> Indicators,
    FindingCounts Findings,
    IReadOnlyList<FindingNote>? Errors = null,
    IReadOnlyList<RuleFindings>? Rules = null);

/// <summary>How many findings of one rule (and severity) a set has; null in events sent before rules were counted.</summary>
public sealed record RuleFindings(string RuleId, string Severity, int Count);
