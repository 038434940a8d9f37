namespace PerfPlatform.Contracts.Performance;

/// <summary>One indicator's year-end result: its place in the filed set (from 0), what it was worth, what it scored.</summary>
public sealed record EvaluatedIndicator(int Index, string Level1, string Name, string Target, string Reached, decimal Points, decimal Score);

/// <summary>
/// A project's year-end self-evaluation (绩效自评) changed: saved, submitted by the department, or reviewed (复核) and so
/// accepted by the finance bureau. Carries the department's score and, once reviewed, the finance bureau's; the
/// <see cref="FinalScore"/> and <see cref="FinalGrade"/> are the reviewed ones when there are. Newest version wins.
/// </summary>
public sealed record SelfEvaluationChanged(
    string ProjectCode,
    string DivisionCode,
    string UnitCode,
    int Year,
    long Version,
    string Status,
    long BudgetFen,
    long SpentFen,
    decimal Score,
    decimal OutOf,
    string Grade,
    decimal? ReviewedScore,
    string? ReviewedGrade,
    IReadOnlyList<EvaluatedIndicator> Items,
    DateTimeOffset ChangedAt)
{
    public decimal FinalScore => ReviewedScore ?? Score;
    public string FinalGrade => ReviewedGrade ?? Grade;
}
