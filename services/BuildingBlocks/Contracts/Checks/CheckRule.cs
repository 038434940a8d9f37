namespace PerfPlatform.Contracts.Checks;

/// <summary>Error blocks submission; Warning the reviewer must see; Info is advice (LINT-RULES.md: E, W, I).</summary>
public enum CheckSeverity { Info, Warning, Error }

/// <summary>Where a rule is checked: on an imported document, on an indicator set, while money is spent, or not yet.</summary>
public enum CheckStage { Document, Indicators, Execution, Planned }

/// <summary>
/// One rule of the check catalogue, as published (GET /v1/checks): all text in Chinese. <paramref name="CatalogueSeverity"/>
/// is the severity LINT-RULES.md gives ("" for a rule the platform added); when the code's severity differs from it, or the
/// rule also reports a lower one in some cases (<paramref name="LowerSeverity"/>), <paramref name="SeverityNote"/> says why.
/// </summary>
public sealed record CheckRule(
    string Id,
    CheckSeverity Severity,
    string Category,
    string Title,
    string Explanation,
    string Example,
    string Fix,
    CheckStage Stage,
    string EnforcedBy,
    string CatalogueSeverity,
    string SeverityNote = "",
    CheckSeverity? LowerSeverity = null)
{
    public static string Letter(CheckSeverity severity) => severity switch
    {
        CheckSeverity.Error => "E",
        CheckSeverity.Warning => "W",
        _ => "I",
    };

    public static string Label(CheckSeverity severity) => severity switch
    {
        CheckSeverity.Error => "错误",
        CheckSeverity.Warning => "警告",
        _ => "提示",
    };

    public static string Label(CheckStage stage) => stage switch
    {
        CheckStage.Document => "文档检查",
        CheckStage.Indicators => "指标检查",
        CheckStage.Execution => "支出执行",
        _ => "计划中",
    };

    /// <summary>Whether a finding of this rule may carry the severity: its own, or the documented lower one.</summary>
    public bool Allows(CheckSeverity severity) => severity == Severity || severity == LowerSeverity;
}
