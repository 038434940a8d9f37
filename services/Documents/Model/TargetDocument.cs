using PerfPlatform.Contracts;

namespace PerfPlatform.Documents.Model;

/// <summary>A unit's whole target document for a year: the department part (第一部分) and one table per project (第二部分).</summary>
public sealed record TargetDocument(DepartmentPart Department, ValueList<ProjectTable> Projects)
{
    // Whole fen as decimal: a long sum overflows for a few large amounts.
    public decimal TotalFen => Money.Sum(Projects.Select(p => p.TotalFen));
    public decimal FiscalFen => Money.Sum(Projects.Select(p => p.FiscalFen));
    public decimal OtherFen => Money.Sum(Projects.Select(p => p.OtherFen));
}

/// <summary>部门整体绩效目标: the overall goal (with the project count and total it states), item goals, safeguard measures.</summary>
public sealed record DepartmentPart(
    string OverallGoal,
    int? StatedProjectCount,
    decimal? StatedTotalWan,
    ValueList<ItemGoal> ItemGoals,
    string SafeguardMeasures);

/// <summary>One numbered item goal (分项绩效目标) and the amounts in 万元 it states.</summary>
public sealed record ItemGoal(string Text, ValueList<decimal> AmountsWan);

/// <summary>One project's target table (项目绩效目标表).</summary>
public sealed record ProjectTable(
    string Title,
    string UnitCode,
    string UnitName,
    string AmountUnit,
    string Code,
    string Name,
    Amount Total,
    Amount Fiscal,
    Amount Other,
    string Purpose,
    ValueList<Checkpoint> SpendingPlan,
    ValueList<string> Goals,
    ValueList<IndicatorRow> Indicators)
{
    public long TotalFen => Total.Fen;
    public long FiscalFen => Fiscal.Fen;
    public long OtherFen => Other.Fen;
    public string UnitLine => $"{UnitCode}{UnitName}";
}

/// <summary>An amount in yuan as filed ("195000.00", "0") and its exact value in fen.</summary>
public sealed record Amount(string Text, long Fen);

/// <summary>A spending-plan checkpoint (资金支出计划): "6月底" and its cumulative share; null is a blank cell.</summary>
public sealed record Checkpoint(string Label, int Month, int? CumulativeBp, string Text);

/// <summary>
/// One indicator row. Level 1 and level 2 are carried down over blank cells as the form shows them; the flags say which
/// were blank in the filing, so that the document renders back as filed.
/// </summary>
public sealed record IndicatorRow(
    string Level1,
    string Level2,
    string Name,
    string Description,
    string Target,
    string Basis,
    bool Level1Carried,
    bool Level2Carried);
