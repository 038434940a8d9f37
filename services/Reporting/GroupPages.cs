namespace PerfPlatform.Reporting;

/// <summary>
/// A page of a report's groups (by division, department or unit) cut in the database from its aggregates, for the summary
/// and the data-quality scorecard alike.
/// </summary>
public static class GroupPages
{
    /// <summary>
    /// <c>SELECT <paramref name="select"/> <paramref name="from"/> GROUP BY <paramref name="columns"/></c>, ordered and cut.
    /// The first page reads in index order and stops. With <paramref name="keysFirst"/> (the page is in key order) a later
    /// page picks its groups' keys first and sums only those, so that a far page (the 715th of a province's units) does not
    /// sum every group before it; the first page taking its keys first was slower (README, "The console's pages").
    /// </summary>
    /// <param name="from">FROM and a WHERE clause that more conditions may follow with AND.</param>
    /// <param name="page">The page; null for every group.</param>
    public static string Sql(string select, string from, string columns, string orderBy, (int Offset, int Size)? page, bool keysFirst)
    {
        var cut = page is { } p ? $"LIMIT {p.Size} OFFSET {p.Offset}" : "";
        return keysFirst && page is { Offset: > 0 }
            ? $"""
              SELECT {select} {from} AND ({columns}) IN (SELECT {columns} {from} GROUP BY {columns} ORDER BY {orderBy} {cut})
              GROUP BY {columns} ORDER BY {orderBy}
              """
            : $"SELECT {select} {from} GROUP BY {columns} ORDER BY {orderBy} {cut}";
    }
}
