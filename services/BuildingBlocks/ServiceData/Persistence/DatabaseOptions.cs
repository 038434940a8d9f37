namespace PerfPlatform.ServiceDefaults.Persistence;

public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "Postgres";
    public const string Section = "Database";

    /// <summary>Apply migrations when the service starts (the Helm chart runs them in a Job and turns this off).</summary>
    public bool MigrateOnStart { get; set; } = true;
    /// <summary>Create the database when it does not exist (development and tests).</summary>
    public bool CreateIfMissing { get; set; } = true;
}
