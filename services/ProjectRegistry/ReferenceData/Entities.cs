namespace PerfPlatform.ProjectRegistry.ReferenceData;

public sealed class Division
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Department
{
    public string DivisionCode { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Unit
{
    public string DivisionCode { get; set; } = "";
    public string Code { get; set; } = "";
    public string DepartmentCode { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
