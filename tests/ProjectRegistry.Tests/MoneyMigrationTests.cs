using Npgsql;
using PerfPlatform.ProjectRegistry.Persistence;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

/// <summary>0003_money_in_fen.sql turns the numeric(18,2) yuan of projects into exact bigint fen, checks and all.</summary>
public sealed class MoneyMigrationTests
{
    private const string Division = "130636";

    [Fact]
    public async Task Yuan_columns_become_exact_fen_and_keep_their_checks()
    {
        await using var db = await ScratchDatabase.AtLevelAsync(typeof(RegistryDb).Assembly, "registry/0002_approved_budget.sql");
        await db.ExecuteAsync($"""
            INSERT INTO divisions (code, name) VALUES ('{Division}', '顺平县');
            INSERT INTO departments (division_code, code, name) VALUES ('{Division}', '434', '政府办');
            INSERT INTO units (division_code, code, department_code, name) VALUES ('{Division}', '434001', '434', '政府办本级');
            {Project("yuan", "13063621AAAAAAAAAAAA1", "0.01", "0.01", "0", "NULL", "NULL", "NULL")}
            {Project("yuan", "13063621AAAAAAAAAAAA2", "2900450.00", "2900449.99", "0.01", "2900450.00", "1771650.00", "1128800.00")}
            {Project("yuan", "13063621AAAAAAAAAAAA3", "9999999999999999.99", "9999999999999999.98", "0.01",
                "9999999999999999.99", "0", "9999999999999999.99")}
            {Project("yuan", "13063621AAAAAAAAAAAA4", "0", "0", "0", "0", "0", "0")}
            """);

        await db.MigrateAsync();

        Assert.Equal(
        [
            ["13063621AAAAAAAAAAAA1", 1L, 1L, 0L, null, null, null],
            ["13063621AAAAAAAAAAAA2", 290_045_000L, 290_044_999L, 1L, 290_045_000L, 177_165_000L, 112_880_000L],
            ["13063621AAAAAAAAAAAA3", 999_999_999_999_999_999L, 999_999_999_999_999_998L, 1L, 999_999_999_999_999_999L, 0L, 999_999_999_999_999_999L],
            ["13063621AAAAAAAAAAAA4", 0L, 0L, 0L, 0L, 0L, 0L],
        ], await db.RowsAsync("""
            SELECT code, total_fen, fiscal_fen, other_fen, approved_total_fen, approved_fiscal_fen, approved_other_fen
            FROM projects ORDER BY code
            """));
        var types = await db.ColumnTypesAsync("projects");
        Assert.All(MoneyColumns, c => Assert.Equal("bigint", types[$"{c}_fen"]));
        Assert.DoesNotContain(types.Keys, c => c.EndsWith("_yuan"));
        Assert.Empty(await db.RowsAsync("SELECT conname FROM pg_constraint WHERE conname LIKE '%yuan%'"));

        // The checks hold on fen: the parts sum to the total, nothing negative, the approved parts sum to the approved total.
        foreach (var (row, constraint) in new[]
                 {
                     (Project("fen", "13063621AAAAAAAAAAAA5", "100", "99", "0", "NULL", "NULL", "NULL"), "projects_check"),
                     (Project("fen", "13063621AAAAAAAAAAAA6", "0", "1", "-1", "NULL", "NULL", "NULL"), "projects_other_fen_check"),
                     (Project("fen", "13063621AAAAAAAAAAAA7", "100", "100", "0", "100", "99", "0"), "projects_check2"),
                 })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync(row));
            Assert.Equal((PostgresErrorCodes.CheckViolation, constraint), (refused.SqlState, refused.ConstraintName));
        }
    }

    /// <summary>An insert naming the money columns by their unit, yuan before the migration and fen after it.</summary>
    private static string Project(string unit, string code, string total, string fiscal, string other, string approvedTotal, string approvedFiscal,
        string approvedOther) => $"""
        INSERT INTO projects (code, division_code, department_code, unit_code, year, name, purpose, goals,
                              {string.Join(", ", MoneyColumns.Select(c => $"{c}_{unit}"))},
                              status, revision, version, created_at, created_by, updated_at, updated_by)
        VALUES ('{code}', '{Division}', '434', '434001', 2021, '项目', '用途', ARRAY['目标'],
                {total}, {fiscal}, {other}, {approvedTotal}, {approvedFiscal}, {approvedOther},
                'draft', 1, 1, now(), 'test', now(), 'test');
        """;

    private static readonly string[] MoneyColumns = ["total", "fiscal", "other", "approved_total", "approved_fiscal", "approved_other"];
}
