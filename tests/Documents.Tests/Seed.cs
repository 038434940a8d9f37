namespace PerfPlatform.Documents.Tests;

/// <summary>The seed document, found by walking up to the repository's samples/ folder.</summary>
public static class Seed
{
    public static string Path { get; } = Find();

    public static string Text => File.ReadAllText(Path);

    /// <summary>The same document as a Word file, made independently of this project (not by its renderers).</summary>
    public static string WordPath => System.IO.Path.ChangeExtension(Path, ".docx");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "samples", "000_da12ff3c3ef1dc10.txt");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("samples/000_da12ff3c3ef1dc10.txt not found above " + AppContext.BaseDirectory);
    }
}
