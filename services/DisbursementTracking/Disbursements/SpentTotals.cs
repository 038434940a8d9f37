using PerfPlatform.Contracts.Disbursement;

namespace PerfPlatform.DisbursementTracking.Disbursements;

/// <summary>
/// What projects have paid. The totals by fund source live on the project's row (migration 0008) and change only in the
/// transaction that records a payment, under the row's lock; what was paid by a date is read from them.
/// </summary>
public static class SpentTotals
{
    /// <summary>What the project has paid in all from the fund source.</summary>
    public static long Spent(this ProjectCopy project, string fundSource) =>
        fundSource == FundSources.Fiscal ? project.SpentFiscalFen : project.SpentOtherFen;

    /// <summary>Adds a payment (negative: a reversal) to the project's total of its fund source; the caller holds the row's lock.</summary>
    public static void AddSpent(this ProjectCopy project, string fundSource, long amountFen)
    {
        if (fundSource == FundSources.Fiscal) project.SpentFiscalFen += amountFen;
        else project.SpentOtherFen += amountFen;
    }

    /// <summary>
    /// What each project paid up to the end of <paramref name="asOf"/>, all funds: its totals less what is dated later, in
    /// one statement so that both are read at one moment (payments are seldom dated after the day asked about, so that
    /// part finds no rows as a rule). A project not copied here is absent.
    /// </summary>
    public static Task<Dictionary<string, long>> SpentUpToAsync(this DisbursementDb db, IReadOnlyCollection<string> codes, DateOnly asOf,
        CancellationToken ct) =>
        db.Projects.Where(p => codes.Contains(p.Code))
            .Select(p => new
            {
                p.Code,
                Spent = p.SpentFiscalFen + p.SpentOtherFen
                        - (db.Disbursements.Where(d => d.ProjectCode == p.Code && d.Date > asOf).Sum(d => (long?)d.AmountFen) ?? 0),
            })
            .ToDictionaryAsync(x => x.Code, x => x.Spent, ct);
}
