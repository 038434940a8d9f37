using PerfPlatform.Contracts.Registry;

namespace PerfPlatform.ProjectRegistry.Projects;

/// <summary>A budget project with its money in fen, as stored and as on the wire.</summary>
public sealed class Project
{
    public string Code { get; set; } = "";
    public string DivisionCode { get; set; } = "";
    public string DepartmentCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public int Year { get; set; }
    public string Name { get; set; } = "";
    public string Purpose { get; set; } = "";
    public List<string> Goals { get; set; } = [];
    public long TotalFen { get; set; }
    public long FiscalFen { get; set; }
    public long OtherFen { get; set; }
    public string Status { get; set; } = ProjectStatuses.Draft;
    public int Revision { get; set; } = 1;
    public long Version { get; set; }
    public string ReviewComment { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    /// <summary>The budget of the latest approved revision (null until first approved); an adjustment draft leaves it.</summary>
    public long? ApprovedTotalFen { get; set; }
    public long? ApprovedFiscalFen { get; set; }
    public long? ApprovedOtherFen { get; set; }
    /// <summary>Last year's project this one names as its predecessor (结果应用); null when found by unit and name instead.</summary>
    public string? PredecessorCode { get; set; }

    public bool IsEditable => ProjectStatuses.IsEditable(Status);

    /// <summary>The budget as it stands becomes the approved one (on approval).</summary>
    public void ApproveBudget() => (ApprovedTotalFen, ApprovedFiscalFen, ApprovedOtherFen) = (TotalFen, FiscalFen, OtherFen);

    public ProjectSnapshot Snapshot() => new(Code, DivisionCode, DepartmentCode, UnitCode, Year, Name, Purpose, Goals.ToList(),
        TotalFen, FiscalFen, OtherFen, Status, Revision, Version, UpdatedAt,
        ApprovedTotalFen is { } total ? new BudgetFen(total, ApprovedFiscalFen ?? 0, ApprovedOtherFen ?? 0) : null, PredecessorCode);
}

/// <summary>An approved version kept when an adjustment opens the next revision.</summary>
public sealed class ProjectRevision
{
    public string ProjectCode { get; set; } = "";
    public int Revision { get; set; }
    public string Snapshot { get; set; } = "";
    public DateTimeOffset ApprovedAt { get; set; }
    public string ApprovedBy { get; set; } = "";
}
