namespace PerfPlatform.IndicatorCatalogue.Projects;

/// <summary>
/// What the catalogue needs of a registry project, kept from the registry's events: whose it is (visibility), its year
/// (framework), its status (may its indicators change), and the budget as filed, purpose and goals that the linter weighs
/// targets against.
/// </summary>
public sealed class ProjectCopy
{
    public string Code { get; set; } = "";
    public string DivisionCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public int Year { get; set; }
    public string Status { get; set; } = "";
    public long TotalFen { get; set; }
    public string Purpose { get; set; } = "";
    public string[] Goals { get; set; } = [];
    public long RegistryVersion { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The approved budget in force (an adjustment's draft does not move it); null until the project is approved.</summary>
    public long? ApprovedFen { get; set; }
    /// <summary>The budget as first approved (年初预算数).</summary>
    public long? FirstApprovedFen { get; set; }
}
