namespace PerfPlatform.IndicatorCatalogue.Sets;

/// <summary>A project's indicator set: replaced whole, versioned, with the linter's findings kept beside it.</summary>
public sealed class IndicatorSetRecord
{
    public string ProjectCode { get; set; } = "";
    public string DivisionCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public int Year { get; set; }
    public string FrameworkVersion { get; set; } = "";
    /// <summary>JSON array of <see cref="StoredFinding"/>.</summary>
    public string Findings { get; set; } = "[]";
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public List<IndicatorRecord> Indicators { get; set; } = [];
}

public sealed class IndicatorRecord
{
    public string ProjectCode { get; set; } = "";
    public int Position { get; set; }
    public string Level1 { get; set; } = "";
    public string Level2 { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>The target exactly as filed.</summary>
    public string Target { get; set; } = "";
    public string Basis { get; set; } = "";
    /// <summary>JSON of the parsed target.</summary>
    public string Parsed { get; set; } = "{}";
    public List<ActualValueRecord> Actuals { get; set; } = [];
}

/// <summary>A value reached, recorded beside the target for mid-year monitoring or the year-end self-evaluation.</summary>
public sealed class ActualValueRecord
{
    public const string MidYear = "mid_year";
    public const string YearEnd = "year_end";

    public string ProjectCode { get; set; } = "";
    public int Position { get; set; }
    public string Period { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

public sealed record StoredFinding(int IndicatorIndex, string RuleId, string Severity, string Message);
