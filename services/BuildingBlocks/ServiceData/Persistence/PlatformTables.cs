using Microsoft.EntityFrameworkCore;
using PerfPlatform.ServiceDefaults.Messaging;

namespace PerfPlatform.ServiceDefaults.Persistence;

public static class PlatformTables
{
    /// <summary>Maps the tables every service has (outbox, audit); created by the building blocks' migration.</summary>
    public static ModelBuilder MapPlatformTables(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Sequence);
            e.Property(m => m.Sequence).ValueGeneratedOnAdd();
            e.Property(m => m.Payload).HasColumnType("jsonb");
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedOnAdd();
            e.Property(a => a.Before).HasColumnType("jsonb");
            e.Property(a => a.After).HasColumnType("jsonb");
        });
        return model;
    }
}
