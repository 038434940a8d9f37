namespace PerfPlatform.ProjectRegistry.Goals;

/// <summary>部门整体绩效目标 for one department and year.</summary>
public sealed class DepartmentGoalsRecord
{
    public string DivisionCode { get; set; } = "";
    public string DepartmentCode { get; set; } = "";
    public int Year { get; set; }
    public string OverallGoal { get; set; } = "";
    public List<string> ItemGoals { get; set; } = [];
    public string SafeguardMeasures { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
