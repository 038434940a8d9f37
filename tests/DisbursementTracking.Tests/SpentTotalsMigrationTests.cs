using PerfPlatform.DisbursementTracking.Persistence;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.DisbursementTracking.Tests;

/// <summary>0008_spent_totals.sql fills each project's new totals from the payments stored before it, by fund source.</summary>
public sealed class SpentTotalsMigrationTests
{
    [Fact]
    public async Task Each_project_s_totals_are_the_sums_of_its_payments_by_fund_source()
    {
        await using var db = await ScratchDatabase.AtLevelAsync(typeof(DisbursementDb).Assembly, "disbursement/0007_project_names.sql");
        await db.ExecuteAsync("""
            INSERT INTO projects (code, division_code, unit_code, year, total_fen, fiscal_fen, other_fen, registry_version)
            VALUES ('13063621AAAAAAAAAAAA1', '130636', '434001', 2021, 1000000, 900000, 100000, 1),
                   ('13063621AAAAAAAAAAAA2', '130636', '434001', 2021, 1000000, 1000000, 0, 1),
                   ('13063621AAAAAAAAAAAA3', '130636', '434002', 2021, 1000000, 1000000, 0, 1);
            INSERT INTO disbursements (division_code, unit_code, project_code, voucher_id, date, amount_fen, fund_source, note,
                                       recorded_at, recorded_by)
            SELECT '130636', '434001', project, 'V' || n, DATE '2021-05-01', amount, source, '', now(), 'test'
            FROM unnest(ARRAY['13063621AAAAAAAAAAAA1', '13063621AAAAAAAAAAAA1', '13063621AAAAAAAAAAAA1', '13063621AAAAAAAAAAAA1',
                              '13063621AAAAAAAAAAAA2', '13063621AAAAAAAAAAAA2'],
                        ARRAY[300000, -1, 50001, 7, 999999, -999998]::bigint[],
                        ARRAY['fiscal', 'fiscal', 'other', 'other', 'fiscal', 'fiscal'])
                WITH ORDINALITY AS a (project, amount, source, n);
            """);

        await db.MigrateAsync();

        Assert.Equal(
        [
            ["13063621AAAAAAAAAAAA1", 299_999L, 50_008L],
            ["13063621AAAAAAAAAAAA2", 1L, 0L],
            ["13063621AAAAAAAAAAAA3", 0L, 0L],
        ], await db.RowsAsync("SELECT code, spent_fiscal_fen, spent_other_fen FROM projects ORDER BY code"));
    }
}
