namespace PerfPlatform.Contracts.Registry;

public sealed record DivisionRegistered(string DivisionCode, string Name, long Version);

public sealed record DepartmentRegistered(string DivisionCode, string DepartmentCode, string Name, long Version);

public sealed record UnitRegistered(string DivisionCode, string UnitCode, string DepartmentCode, string Name, long Version);

/// <summary>A department's overall goal, item goals and safeguard measures for a year were set.</summary>
public sealed record DepartmentGoalsSet(
    string DivisionCode,
    string DepartmentCode,
    int Year,
    string OverallGoal,
    IReadOnlyList<string> ItemGoals,
    string SafeguardMeasures,
    long Version);
