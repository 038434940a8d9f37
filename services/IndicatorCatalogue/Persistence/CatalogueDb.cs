using PerfPlatform.IndicatorCatalogue.Library;
using PerfPlatform.IndicatorCatalogue.Monitoring;
using PerfPlatform.IndicatorCatalogue.Projects;
using PerfPlatform.IndicatorCatalogue.Sets;

namespace PerfPlatform.IndicatorCatalogue.Persistence;

public sealed class CatalogueDb(DbContextOptions<CatalogueDb> options) : DbContext(options)
{
    public DbSet<LibraryIndicatorRecord> Library => Set<LibraryIndicatorRecord>();
    public DbSet<IndicatorSetRecord> Sets => Set<IndicatorSetRecord>();
    public DbSet<IndicatorRecord> Indicators => Set<IndicatorRecord>();
    public DbSet<ActualValueRecord> Actuals => Set<ActualValueRecord>();
    public DbSet<ProjectCopy> Projects => Set<ProjectCopy>();
    public DbSet<MonitoringRoundRecord> Rounds => Set<MonitoringRoundRecord>();
    public DbSet<MonitoringFormRecord> Forms => Set<MonitoringFormRecord>();
    public DbSet<Evaluation.SelfEvaluationRecord> SelfEvaluations => Set<Evaluation.SelfEvaluationRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        // A table is named after its DbSet (snake_case); only a table named otherwise is named here.
        model.MapPlatformTables();
        model.MapMonitoring();
        model.ApplyConfiguration(new Evaluation.SelfEvaluationRecordConfiguration());
        model.Entity<ProjectCopy>(e => e.HasKey(p => p.Code));
        model.Entity<LibraryIndicatorRecord>(e =>
        {
            e.ToTable("library_indicators");
            e.HasKey(l => l.Id);
            e.Property(l => l.Version).IsConcurrencyToken();
        });
        model.Entity<IndicatorSetRecord>(e =>
        {
            e.ToTable("indicator_sets");
            e.HasKey(s => s.ProjectCode);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Property(s => s.Findings).HasColumnType("jsonb");
            e.HasMany(s => s.Indicators).WithOne().HasForeignKey(i => i.ProjectCode).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<IndicatorRecord>(e =>
        {
            e.HasKey(i => new { i.ProjectCode, i.Position });
            e.Property(i => i.Parsed).HasColumnType("jsonb");
            e.HasMany(i => i.Actuals).WithOne().HasForeignKey(a => new { a.ProjectCode, a.Position }).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ActualValueRecord>(e =>
        {
            e.ToTable("actual_values");
            e.HasKey(a => new { a.ProjectCode, a.Position, a.Period });
        });
    }
}
