using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

/// <summary>0004_money_in_fen.sql turns the read model's numeric(18,2) yuan into exact bigint fen.</summary>
public sealed class MoneyMigrationTests
{
    [Fact]
    public async Task Yuan_columns_become_exact_fen()
    {
        await using var db = await ScratchDatabase.AtLevelAsync(ScratchDatabase.ServiceAssembly("Reporting"),
            "reporting/0003_indicator_findings.sql");
        await db.ExecuteAsync("""
            INSERT INTO rm_projects (code, division_code, department_code, unit_code, year, name, purpose, goals,
                                     total_yuan, fiscal_yuan, other_yuan, status)
            VALUES ('13063621AAAAAAAAAAAA1', '130636', '434', '434001', 2021, '项目', '', '[]', 2900450.00, 2900449.99, 0.01, 'draft'),
                   ('13063621AAAAAAAAAAAA2', '130636', '434', '434001', 2021, '项目', '', '[]',
                    9999999999999999.99, 9999999999999999.99, 0, 'approved'),
                   ('13063621AAAAAAAAAAAA3', '130636', '434', '434001', 2021, '项目', '', '[]', -0.01, 0, -0.01, 'approved');
            INSERT INTO rm_spending (project_code, spent_fiscal_yuan, spent_other_yuan)
            VALUES ('13063621AAAAAAAAAAAA1', 0.01, -9999999999999999.99), ('13063621AAAAAAAAAAAA2', 9999999999999999.99, 2900450.00);
            INSERT INTO rm_spending (project_code) VALUES ('13063621AAAAAAAAAAAA3');
            """);

        await db.MigrateAsync();

        Assert.Equal(
        [
            ["13063621AAAAAAAAAAAA1", 290_045_000L, 290_044_999L, 1L, 1L, -999_999_999_999_999_999L],
            ["13063621AAAAAAAAAAAA2", 999_999_999_999_999_999L, 999_999_999_999_999_999L, 0L, 999_999_999_999_999_999L, 290_045_000L],
            ["13063621AAAAAAAAAAAA3", -1L, 0L, -1L, 0L, 0L],
        ], await db.RowsAsync("""
            SELECT p.code, p.total_fen, p.fiscal_fen, p.other_fen, s.spent_fiscal_fen, s.spent_other_fen
            FROM rm_projects p JOIN rm_spending s ON s.project_code = p.code ORDER BY p.code
            """));
        // The defaults come over as fen too.
        await db.ExecuteAsync("INSERT INTO rm_spending (project_code) VALUES ('13063621AAAAAAAAAAAA4')");
        Assert.Equal([[0L, 0L]], await db.RowsAsync(
            "SELECT spent_fiscal_fen, spent_other_fen FROM rm_spending WHERE project_code = '13063621AAAAAAAAAAAA4'"));
        var projects = await db.ColumnTypesAsync("rm_projects");
        var spending = await db.ColumnTypesAsync("rm_spending");
        Assert.Equal(["bigint", "bigint", "bigint", "bigint", "bigint"],
            [projects["total_fen"], projects["fiscal_fen"], projects["other_fen"], spending["spent_fiscal_fen"], spending["spent_other_fen"]]);
        Assert.DoesNotContain(projects.Keys.Concat(spending.Keys), c => c.EndsWith("_yuan"));
    }
}
