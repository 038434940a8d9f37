namespace PerfPlatform.DisbursementTracking.Persistence;

public sealed class ProjectCopy
{
    public string Code { get; set; } = "";
    public string DivisionCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public int Year { get; set; }
    public string Name { get; set; } = "";
    public long TotalFen { get; set; }
    public long FiscalFen { get; set; }
    public long OtherFen { get; set; }
    /// <summary>The registry's review status: draft, submitted, approved or returned.</summary>
    public string Status { get; set; } = "draft";
    public long RegistryVersion { get; set; }
    public long SpendingVersion { get; set; }
    /// <summary>What the project has paid in all from each fund source, kept by every payment recorded (reversals included).</summary>
    public long SpentFiscalFen { get; set; }
    public long SpentOtherFen { get; set; }
    public long PlanVersion { get; set; }
    public long WarningVersion { get; set; }
}

public sealed class SpendingPlanRecord
{
    public string ProjectCode { get; set; } = "";
    /// <summary>JSON array of PlannedCheckpoint.</summary>
    public string Checkpoints { get; set; } = "[]";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

public sealed class DisbursementRecord
{
    public long Id { get; set; }
    public string DivisionCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public string ProjectCode { get; set; } = "";
    public string VoucherId { get; set; } = "";
    public DateOnly Date { get; set; }
    public long AmountFen { get; set; }
    public string FundSource { get; set; } = "";
    public string Note { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

public sealed class WarningRecord
{
    public string ProjectCode { get; set; } = "";
    public string Level { get; set; } = "";
    public string Message { get; set; } = "";
    public int LagBp { get; set; }
    public int CheckpointMonth { get; set; }
    public DateOnly RaisedOn { get; set; }
}
