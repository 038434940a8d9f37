namespace PerfPlatform.Cli.Commands;

/// <summary>The required options that say which budget year and which division a command reads, worded once for all.</summary>
public static class ScopeOptions
{
    public static Option<int> Year() => new("--year") { Description = "预算年度", Required = true };

    public static Option<string> Division() => new("--division") { Description = "行政区划代码", Required = true };
}
