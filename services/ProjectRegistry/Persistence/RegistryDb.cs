using PerfPlatform.ProjectRegistry.Goals;
using PerfPlatform.ProjectRegistry.Projects;
using PerfPlatform.ProjectRegistry.ReferenceData;
using PerfPlatform.ProjectRegistry.Results;
using PerfPlatform.ProjectRegistry.Review;

namespace PerfPlatform.ProjectRegistry.Persistence;

public sealed class RegistryDb(DbContextOptions<RegistryDb> options) : DbContext(options)
{
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<DepartmentGoalsRecord> DepartmentGoals => Set<DepartmentGoalsRecord>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectRevision> ProjectRevisions => Set<ProjectRevision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<KnownIndicatorSet> KnownIndicatorSets => Set<KnownIndicatorSet>();
    public DbSet<KnownSelfEvaluation> KnownSelfEvaluations => Set<KnownSelfEvaluation>();
    public DbSet<KnownMonitoringForm> KnownMonitoringForms => Set<KnownMonitoringForm>();
    public DbSet<KnownWarning> KnownWarnings => Set<KnownWarning>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        // A table is named after its DbSet (snake_case): department_goals, known_warnings and the others.
        model.MapPlatformTables();
        model.Entity<Division>(e => e.HasKey(d => d.Code));
        model.Entity<Department>(e => e.HasKey(d => new { d.DivisionCode, d.Code }));
        model.Entity<Unit>(e => e.HasKey(u => new { u.DivisionCode, u.Code }));
        model.Entity<DepartmentGoalsRecord>(e =>
        {
            e.HasKey(g => new { g.DivisionCode, g.DepartmentCode, g.Year });
            e.Property(g => g.Version).IsConcurrencyToken();
        });
        model.Entity<Project>(e =>
        {
            e.HasKey(p => p.Code);
            e.Property(p => p.Version).IsConcurrencyToken();
        });
        model.Entity<KnownIndicatorSet>(e =>
        {
            e.HasKey(s => s.ProjectCode);
            e.Property(s => s.Errors).HasColumnType("jsonb");
        });
        model.Entity<KnownSelfEvaluation>(e =>
        {
            e.HasKey(s => s.ProjectCode);
            e.Ignore(s => s.FinalScore);
            e.Ignore(s => s.FinalGrade);
        });
        model.Entity<KnownMonitoringForm>(e => e.HasKey(f => new { f.RoundId, f.ProjectCode }));
        model.Entity<KnownWarning>(e => e.HasKey(w => w.ProjectCode));
        model.Entity<ProjectRevision>(e =>
        {
            e.HasKey(r => new { r.ProjectCode, r.Revision });
            e.Property(r => r.Snapshot).HasColumnType("jsonb");
        });
    }
}
