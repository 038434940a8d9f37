using PerfPlatform.DisbursementTracking.Persistence;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.DisbursementTracking.Tests;

/// <summary>0004_money_in_fen.sql turns the numeric(18,2) yuan of project copies and payments into exact bigint fen.</summary>
public sealed class MoneyMigrationTests
{
    [Fact]
    public async Task Yuan_columns_become_exact_fen_reversals_included()
    {
        await using var db = await ScratchDatabase.AtLevelAsync(typeof(DisbursementDb).Assembly,
            "disbursement/0003_no_project_fk_on_disbursements.sql");
        await db.ExecuteAsync("""
            INSERT INTO projects (code, division_code, unit_code, year, total_yuan, fiscal_yuan, other_yuan, registry_version)
            VALUES ('13063621AAAAAAAAAAAA1', '130636', '434001', 2021, 2900450.00, 2900449.99, 0.01, 1),
                   ('13063621AAAAAAAAAAAA2', '130636', '434001', 2021, 9999999999999999.99, 0, 9999999999999999.99, 1);
            INSERT INTO disbursements (division_code, unit_code, project_code, voucher_id, date, amount_yuan, fund_source, note,
                                       recorded_at, recorded_by)
            SELECT '130636', '434001', '13063621AAAAAAAAAAAA1', 'V' || n, DATE '2021-05-01', amount, 'fiscal', '', now(), 'test'
            FROM unnest(ARRAY[0.01, -0.01, 2900450.00, 9999999999999999.99, -9999999999999999.99, 0, 1234.5]::numeric[])
                WITH ORDINALITY AS a (amount, n);
            """);

        await db.MigrateAsync();

        Assert.Equal(
        [
            ["13063621AAAAAAAAAAAA1", 290_045_000L, 290_044_999L, 1L],
            ["13063621AAAAAAAAAAAA2", 999_999_999_999_999_999L, 0L, 999_999_999_999_999_999L],
        ], await db.RowsAsync("SELECT code, total_fen, fiscal_fen, other_fen FROM projects ORDER BY code"));
        Assert.Equal(
            [1L, -1L, 290_045_000L, 999_999_999_999_999_999L, -999_999_999_999_999_999L, 0L, 123_450L],
            (await db.RowsAsync("SELECT amount_fen FROM disbursements ORDER BY id")).Select(r => (long)r[0]!));
        var projects = await db.ColumnTypesAsync("projects");
        var disbursements = await db.ColumnTypesAsync("disbursements");
        Assert.Equal(["bigint", "bigint", "bigint", "bigint"],
            [projects["total_fen"], projects["fiscal_fen"], projects["other_fen"], disbursements["amount_fen"]]);
        Assert.DoesNotContain(projects.Keys.Concat(disbursements.Keys), c => c.EndsWith("_yuan"));
    }
}
