namespace PerfPlatform.Contracts.Disbursement;

public sealed record PlannedCheckpoint(string Label, int Month, int? CumulativeBp);

/// <summary>A project's spending plan was set; the newest version replaces the plan.</summary>
public sealed record SpendingPlanSet(string ProjectCode, long Version, IReadOnlyList<PlannedCheckpoint> Checkpoints);

/// <summary>
/// Money was disbursed (or reversed) on a project. Carries the cumulative totals after it, so the newest version of a
/// project's spending is all a consumer needs.
/// </summary>
public sealed record DisbursementRecorded(
    string ProjectCode,
    string DivisionCode,
    string UnitCode,
    long Version,
    int Vouchers,
    long SpentFiscalFen,
    long SpentOtherFen);

/// <summary>A project trails its spending plan at a checkpoint (预警), or caught up again (Level empty).</summary>
public sealed record WarningChanged(
    string ProjectCode,
    string DivisionCode,
    string UnitCode,
    int Year,
    long Version,
    string Level,
    string Message,
    int LagBp,
    int CheckpointMonth,
    DateOnly? RaisedOn);
