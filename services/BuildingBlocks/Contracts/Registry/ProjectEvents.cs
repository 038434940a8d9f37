namespace PerfPlatform.Contracts.Registry;

/// <summary>A budget in fen: total = fiscal + other.</summary>
public sealed record BudgetFen(long TotalFen, long FiscalFen, long OtherFen);

/// <summary>
/// The whole state of a project as the registry holds it after a change. The budget fields are the budget as filed
/// (in an adjustment draft, the unapproved one); <see cref="ApprovedBudget"/> is the latest approved revision's, null
/// for a project never approved and in events sent before it was carried. <see cref="PredecessorCode"/> is last year's
/// project this one names as its predecessor (结果应用), null when it names none and in events sent before it was carried.
/// </summary>
public sealed record ProjectSnapshot(
    string Code,
    string DivisionCode,
    string DepartmentCode,
    string UnitCode,
    int Year,
    string Name,
    string Purpose,
    IReadOnlyList<string> Goals,
    long TotalFen,
    long FiscalFen,
    long OtherFen,
    string Status,
    int Revision,
    long Version,
    DateTimeOffset UpdatedAt,
    BudgetFen? ApprovedBudget = null,
    string? PredecessorCode = null)
{
    /// <summary>The budget in force, which bounds payments and counts in totals: the approved one once there is one.</summary>
    public BudgetFen EffectiveBudget() => ApprovedBudget ?? new BudgetFen(TotalFen, FiscalFen, OtherFen);
}

/// <summary>A project was filed. Consumers keep a copy and apply only versions newer than theirs.</summary>
public sealed record ProjectRegistered(string ProjectCode, long Version, ProjectSnapshot Project);

/// <summary>
/// A project changed: an edit, a budget change, a review action or an adjustment (<see cref="Change"/> says which).
/// Carries the full state, so the newest event alone is enough.
/// </summary>
public sealed record ProjectChanged(string ProjectCode, long Version, string Change, ProjectSnapshot Project);

public static class ProjectChanges
{
    public const string Edited = "edited";
    public const string BudgetChanged = "budget_changed";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Returned = "returned";
    public const string Adjusted = "adjusted";
    /// <summary>Nothing changed: the state is published again for a consumer whose copy began later (--announce-projects).</summary>
    public const string Announced = "announced";
}
