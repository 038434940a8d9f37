namespace PerfPlatform.DisbursementTracking.Disbursements;

public static class SpentTotals
{
    /// <summary>What each project paid up to the end of <paramref name="asOf"/>, all funds, in one query; a project without payments is absent.</summary>
    public static Task<Dictionary<string, long>> SpentUpToAsync(this DisbursementDb db, IReadOnlyCollection<string> codes, DateOnly asOf,
        CancellationToken ct) =>
        db.Disbursements.Where(d => codes.Contains(d.ProjectCode) && d.Date <= asOf).GroupBy(d => d.ProjectCode)
            .Select(g => new { Code = g.Key, Sum = g.Sum(d => d.AmountFen) }).ToDictionaryAsync(x => x.Code, x => x.Sum, ct);

    /// <summary>What each project has paid in all, by fund source, in one query; a source without payments is absent.</summary>
    public static async Task<Dictionary<(string Code, string FundSource), long>> SpentByFundAsync(this DisbursementDb db,
        IReadOnlyCollection<string> codes, CancellationToken ct) =>
        (await db.Disbursements.Where(d => codes.Contains(d.ProjectCode)).GroupBy(d => new { d.ProjectCode, d.FundSource })
            .Select(g => new { g.Key.ProjectCode, g.Key.FundSource, Sum = g.Sum(d => d.AmountFen) }).ToListAsync(ct))
        .ToDictionary(x => (x.ProjectCode, x.FundSource), x => x.Sum);
}
