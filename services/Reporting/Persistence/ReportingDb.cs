namespace PerfPlatform.Reporting.Persistence;

/// <summary>The read model is written and read with SQL (Projections/, Summary/); EF carries the platform tables.</summary>
public sealed class ReportingDb(DbContextOptions<ReportingDb> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model) => model.MapPlatformTables();
}
