using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// A project's stored self-evaluation. The values reached are not here: they are the year-end actuals beside the targets
/// (one place for a value); <see cref="Inputs"/> holds the rest of what the department stated per indicator.
/// </summary>
public sealed class SelfEvaluationRecord
{
    public const string FromPayments = "payments";
    public const string FromDepartment = "department";

    public string ProjectCode { get; set; } = "";
    public string DivisionCode { get; set; } = "";
    public string UnitCode { get; set; } = "";
    public int Year { get; set; }
    public string Status { get; set; } = "";
    public long BudgetFen { get; set; }
    public long SpentFen { get; set; }
    public string SpentSource { get; set; } = FromPayments;
    /// <summary>JSON array of <see cref="StoredEvaluationInput"/>.</summary>
    public string Inputs { get; set; } = "[]";
    public decimal Score { get; set; }
    public decimal OutOf { get; set; }
    public string Grade { get; set; } = "";
    /// <summary>JSON array of <see cref="StoredRescore"/>: the items the finance bureau re-scored.</summary>
    public string ReviewedItems { get; set; } = "[]";
    public decimal? ReviewedScore { get; set; }
    public string? ReviewedGrade { get; set; }
    public string? ReviewComment { get; set; }
    public string? ReviewedBy { get; set; }
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>What the department stated for one indicator, besides the value reached.</summary>
public sealed record StoredEvaluationInput(int Index, string Grade, decimal? GradePercent, decimal? WeightPoints, string Cause, string Measure);

public sealed record StoredRescore(int Index, decimal Score);

public sealed class SelfEvaluationRecordConfiguration : IEntityTypeConfiguration<SelfEvaluationRecord>
{
    public void Configure(EntityTypeBuilder<SelfEvaluationRecord> e)
    {
        e.ToTable("self_evaluations");
        e.HasKey(s => s.ProjectCode);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.Property(s => s.Inputs).HasColumnType("jsonb");
        e.Property(s => s.ReviewedItems).HasColumnType("jsonb");
    }
}
