using Npgsql;

namespace PerfPlatform.TestSupport;

/// <summary>
/// Probes that one service has consumed another's event, read from the copy it keeps: the catalogue's copy of a registry
/// project, the registry's knowledge of a catalogue indicator set. A test waits on these instead of on log text.
/// </summary>
public static class EventCopies
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The catalogue holds the project at this registry version or a newer one.</summary>
    public static Task CatalogueKnowsProjectAsync(this PlatformStack stack, string projectCode, long registryVersion) =>
        WaitForVersionAsync(stack, PlatformStack.Indicators, "SELECT registry_version FROM projects WHERE code = @key",
            projectCode, registryVersion, "the catalogue's copy of project");

    /// <summary>The registry knows the project's indicator set at this version or a newer one.</summary>
    public static Task RegistryKnowsIndicatorSetAsync(this PlatformStack stack, string projectCode, long setVersion) =>
        WaitForVersionAsync(stack, PlatformStack.Registry, "SELECT version FROM known_indicator_sets WHERE project_code = @key",
            projectCode, setVersion, "the registry's copy of the indicator set of");

    private static async Task WaitForVersionAsync(PlatformStack stack, string folder, string sql, string key, long version, string what)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PgConnectionString(stack.Database(folder)));
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow + Timeout;
        long? held = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            cmd.Parameters.AddWithValue("key", key);
            held = await cmd.ExecuteScalarAsync() as long?;
            if (held >= version) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{what} {key} did not reach version {version} within {Timeout} (holds {held?.ToString() ?? "nothing"}).");
    }
}
