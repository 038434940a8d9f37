namespace PerfPlatform.IndicatorCatalogue.Monitoring;

public static class MonitoringModel
{
    public static ModelBuilder MapMonitoring(this ModelBuilder model)
    {
        model.Entity<MonitoringRoundRecord>(e =>
        {
            e.ToTable("monitoring_rounds");
            e.HasKey(r => r.Id);
        });
        model.Entity<MonitoringFormRecord>(e =>
        {
            e.ToTable("monitoring_forms");
            e.HasKey(f => new { f.RoundId, f.ProjectCode });
            e.Property(f => f.Version).IsConcurrencyToken();
            e.Property(f => f.Indicators).HasColumnType("jsonb");
            e.Property(f => f.Reasons).HasColumnType("jsonb");
        });
        return model;
    }
}
