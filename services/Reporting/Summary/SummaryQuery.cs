using System.Data;
using Npgsql;
using PerfPlatform.Contracts;
using PerfPlatform.ServiceDefaults.Auth;

namespace PerfPlatform.Reporting.Summary;

public sealed record SummaryFigures(
    string Key, int Projects, long TotalFen, long FiscalFen, long OtherFen, long SpentFen, int OpenWarnings,
    int Errors, int Warnings, int Infos, int Indicators)
{
    public int ExecutionBp => BasisPoints.Ratio(SpentFen, TotalFen);
}

/// <summary>
/// The finance bureau's aggregation over the read model, exact to the fen: one row per group and the grand total.
/// Groups by level1 and by fund source overlap (a project has several categories and two sources); the total does not.
/// By level1, findings are those on the category's indicators; findings on a set as a whole (a missing quantity
/// indicator, say) count only in the total.
/// </summary>
public sealed class SummaryQuery(NpgsqlDataSource dataSource)
{
    public static readonly string[] Groupings = ["division", "department", "unit", "fund_source", "status", "level1"];

    // One row per project in scope, with its spending, findings, warning and indicator count.
    private const string ProjectsInScope = """
        WITH scope AS (
            SELECT p.code, p.division_code, p.department_code, p.unit_code, p.status,
                   p.total_fen, p.fiscal_fen, p.other_fen,
                   COALESCE(s.spent_fiscal_fen, 0) AS spent_fiscal, COALESCE(s.spent_other_fen, 0) AS spent_other,
                   COALESCE(i.errors, 0) AS errors, COALESCE(i.warnings, 0) AS warnings, COALESCE(i.infos, 0) AS infos,
                   (w.project_code IS NOT NULL) AS warned, COALESCE(i.indicators, 0) AS indicators
            FROM rm_projects p
            LEFT JOIN rm_spending s ON s.project_code = p.code
            LEFT JOIN rm_indicator_sets i ON i.project_code = p.code
            LEFT JOIN rm_warnings w ON w.project_code = p.code
            WHERE p.year = @year AND (@division = '' OR p.division_code = @division)
              AND (@all OR (p.division_code || ':' || p.unit_code) = ANY(@units))
        )
        """;

    private const string Aggregate = """
        SELECT key, count(DISTINCT code)::int, sum(total)::bigint, sum(fiscal)::bigint, sum(other)::bigint, sum(spent)::bigint,
               (count(DISTINCT code) FILTER (WHERE warned))::int, sum(errors)::int, sum(warnings)::int, sum(infos)::int,
               sum(indicators)::int
        FROM rows GROUP BY key
        """;

    private static string Rows(string groupBy) => groupBy switch
    {
        "division" => "SELECT division_code AS key, " + Common,
        "department" => "SELECT division_code || '/' || department_code AS key, " + Common,
        "unit" => "SELECT division_code || '/' || unit_code AS key, " + Common,
        "status" => "SELECT status AS key, " + Common,
        "fund_source" => """
            SELECT 'fiscal' AS key, code, fiscal_fen AS total, fiscal_fen AS fiscal, 0::bigint AS other, spent_fiscal AS spent,
                   warned, errors, warnings, infos, indicators FROM scope WHERE fiscal_fen <> 0 OR spent_fiscal <> 0
            UNION ALL
            SELECT 'other', code, other_fen, 0::bigint, other_fen, spent_other, warned, errors, warnings, infos, indicators
            FROM scope WHERE other_fen <> 0 OR spent_other <> 0
            """,
        "level1" => """
            SELECT x.level1 AS key, s.code, s.total_fen AS total, s.fiscal_fen AS fiscal, s.other_fen AS other,
                   s.spent_fiscal + s.spent_other AS spent, s.warned,
                   sum(x.errors) AS errors, sum(x.warnings) AS warnings, sum(x.infos) AS infos, count(*) AS indicators
            FROM scope s JOIN rm_indicators x ON x.project_code = s.code
            GROUP BY x.level1, s.code, s.total_fen, s.fiscal_fen, s.other_fen, s.spent_fiscal, s.spent_other, s.warned
            """,
        _ => "SELECT 'total' AS key, " + Common,
    };

    private const string Common =
        "code, total_fen AS total, fiscal_fen AS fiscal, other_fen AS other, spent_fiscal + spent_other AS spent, " +
        "warned, errors, warnings, infos, indicators FROM scope";

    public async Task<(IReadOnlyList<SummaryFigures> Rows, SummaryFigures Total)> RunAsync(int year, string divisionCode,
        string groupBy, Caller caller, CancellationToken ct)
    {
        // One snapshot for both statements, so that the rows always add up to the total while events are applied.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var rows = await Query(tx, $"{ProjectsInScope}, rows AS ({Rows(groupBy)}) {Aggregate} ORDER BY key", year, divisionCode, caller, ct);
        var total = await Query(tx, $"{ProjectsInScope}, rows AS ({Rows("total")}) {Aggregate}", year, divisionCode, caller, ct);
        return (rows, total.SingleOrDefault() ?? new SummaryFigures("total", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    private static async Task<List<SummaryFigures>> Query(NpgsqlTransaction tx, string sql, int year, string divisionCode, Caller caller,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, tx.Connection, tx);
        cmd.Parameters.AddWithValue("year", year);
        cmd.Parameters.AddWithValue("division", divisionCode);
        cmd.Parameters.AddWithValue("all", caller.IsFinance);
        cmd.Parameters.AddWithValue("units", caller.UnitKeys.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<SummaryFigures>();
        while (await reader.ReadAsync(ct))
            result.Add(new SummaryFigures(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10)));
        return result;
    }
}
