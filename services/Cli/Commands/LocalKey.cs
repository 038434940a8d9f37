namespace PerfPlatform.Cli.Commands;

/// <summary>Finds the development signing key that deploy/local/up writes to .local/dev-signing.key.</summary>
public static class LocalKey
{
    public const string FileName = "dev-signing.key";

    public static string? Find(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return explicitPath;
        var fromEnv = Environment.GetEnvironmentVariable("PERF_SIGNING_KEY_FILE");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ".local", FileName);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
