using System.Text.RegularExpressions;

namespace PerfPlatform.Documents.Model;

/// <summary>
/// The county a document's unit belongs to, read off the unit's name: a unit is named after its county
/// (「顺平县人民政府办公室（本级）」 → 「顺平县」), which the document states nowhere else.
/// </summary>
public static partial class DivisionName
{
    public static string? FromUnitName(string unitName)
    {
        var match = CountyPrefix().Match(unitName.Trim());
        return match.Success ? match.Groups[1].Value : null;
    }

    // Two or more characters, then the first 县, 市, 区 or 旗 (a county, county-level city, district or banner).
    [GeneratedRegex(@"^(\p{IsCJKUnifiedIdeographs}{2,}?[县市区旗])")]
    private static partial Regex CountyPrefix();
}
