namespace PerfPlatform.IndicatorCatalogue.Library;

/// <summary>A standard indicator the finance bureau recommends: its place in the tree, unit and direction.</summary>
public sealed class LibraryIndicatorRecord
{
    public Guid Id { get; set; }
    public string Level1 { get; set; } = "";
    public string Level2 { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string RecommendedUnit { get; set; } = "";
    /// <summary>higher, lower or exact.</summary>
    public string Direction { get; set; } = "";
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
