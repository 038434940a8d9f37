namespace PerfPlatform.DisbursementTracking.Persistence;

public sealed class DisbursementDb(DbContextOptions<DisbursementDb> options) : DbContext(options)
{
    public DbSet<ProjectCopy> Projects => Set<ProjectCopy>();
    public DbSet<SpendingPlanRecord> Plans => Set<SpendingPlanRecord>();
    public DbSet<DisbursementRecord> Disbursements => Set<DisbursementRecord>();
    public DbSet<WarningRecord> Warnings => Set<WarningRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        // A table is named after its DbSet (snake_case) and a key named Id is found by convention; only what differs is
        // said here.
        model.MapPlatformTables();
        model.Entity<ProjectCopy>(e => e.HasKey(p => p.Code));
        model.Entity<SpendingPlanRecord>(e =>
        {
            e.ToTable("spending_plans");
            e.HasKey(p => p.ProjectCode);
            e.Property(p => p.Checkpoints).HasColumnType("jsonb");
        });
        model.Entity<WarningRecord>(e => e.HasKey(w => w.ProjectCode));
    }
}
