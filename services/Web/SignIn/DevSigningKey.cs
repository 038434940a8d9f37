using PerfPlatform.ServiceDefaults.Auth;

namespace PerfPlatform.Web.SignIn;

/// <summary>
/// The development signing key, found as perfctl finds it: Auth:SigningKey, Auth:SigningKeyFile, or .local/dev-signing.key
/// above the working or program directory (deploy/local/up writes it). Without it there is no development sign-in.
/// </summary>
public static class DevSigningKey
{
    public const string FileName = "dev-signing.key";

    public static byte[]? Find(IConfiguration configuration)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            options.SigningKeyFile = string.IsNullOrWhiteSpace(options.SigningKeyFile) ? SearchLocalFile() : options.SigningKeyFile;
            if (options.SigningKeyFile is null || !File.Exists(options.SigningKeyFile)) return null;
        }
        return options.ResolveSigningKey();
    }

    private static string? SearchLocalFile()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ".local", FileName);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
