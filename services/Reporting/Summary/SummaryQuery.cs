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
/// The finance bureau's aggregation, exact to the fen: one row per group and the grand total. Answered from the
/// aggregates the projector keeps per year, division, department, unit and status (rm_summary, and rm_summary_level1
/// per indicator category), never by scanning the province's projects. Groups by level1 and by fund source overlap (a
/// project has several categories and two sources); the total does not. By level1, findings are those on the
/// category's indicators; findings on a set as a whole (a missing quantity indicator, say) count only in the total.
/// </summary>
public sealed class SummaryQuery(NpgsqlDataSource dataSource)
{
    public static readonly string[] Groupings = ["division", "department", "unit", "fund_source", "status", "level1", "predecessor_grade"];

    /// <summary>The key of projects whose predecessor has no accepted evaluation (or that have none).</summary>
    public const string NoPredecessorGrade = "none";

    // The aggregate rows in scope: the year, optionally a division and a department, and the caller's units.
    private const string Scope = """
        year = @year AND (@division = '' OR division_code = @division) AND (@department = '' OR department_code = @department)
          AND (@all OR (division_code || ':' || unit_code) = ANY(@units))
        """;

    private const string Sums = """
        sum(projects)::int, sum(total_fen)::bigint, sum(fiscal_fen)::bigint, sum(other_fen)::bigint,
        sum(spent_fiscal_fen + spent_other_fen)::bigint, sum(warned)::int, sum(errors)::int, sum(warnings)::int,
        sum(infos)::int, sum(indicators)::int
        """;

    private static string Sql(string groupBy) => groupBy switch
    {
        "division" => $"SELECT division_code, {Sums} FROM rm_summary WHERE {Scope} GROUP BY 1",
        "department" => $"SELECT division_code || '/' || department_code, {Sums} FROM rm_summary WHERE {Scope} GROUP BY 1",
        "unit" => $"SELECT division_code || '/' || unit_code, {Sums} FROM rm_summary WHERE {Scope} GROUP BY 1",
        "status" => $"SELECT status, {Sums} FROM rm_summary WHERE {Scope} GROUP BY 1",
        "fund_source" => $"""
            SELECT 'fiscal', sum(fiscal_projects)::int, sum(fiscal_fen)::bigint, sum(fiscal_fen)::bigint, 0::bigint,
                   sum(spent_fiscal_fen)::bigint, sum(fiscal_warned)::int, sum(fiscal_errors)::int, sum(fiscal_warnings)::int,
                   sum(fiscal_infos)::int, sum(fiscal_indicators)::int
            FROM rm_summary WHERE {Scope} HAVING sum(fiscal_projects) > 0
            UNION ALL
            SELECT 'other', sum(other_projects)::int, sum(other_fen)::bigint, 0::bigint, sum(other_fen)::bigint,
                   sum(spent_other_fen)::bigint, sum(other_warned)::int, sum(other_errors)::int, sum(other_warnings)::int,
                   sum(other_infos)::int, sum(other_indicators)::int
            FROM rm_summary WHERE {Scope} HAVING sum(other_projects) > 0
            """,
        "level1" => $"""
            SELECT level1, sum(projects)::int, sum(total_fen)::bigint, sum(fiscal_fen)::bigint, sum(other_fen)::bigint,
                   sum(spent_fen)::bigint, sum(warned)::int, sum(errors)::int, sum(warnings)::int, sum(infos)::int, sum(indicators)::int
            FROM rm_summary_level1 WHERE {Scope} GROUP BY 1
            """,
        // 结果应用: by the grade of the predecessor's accepted self-evaluation. Not kept as an aggregate: a grade arriving
        // for last year's project would move this year's rows; this grouping reads the year's projects of the scope instead.
        "predecessor_grade" => $"""
            SELECT COALESCE(e.final_grade, '{NoPredecessorGrade}'), count(*)::int, sum(f.total_fen)::bigint, sum(f.fiscal_fen)::bigint,
                   sum(f.other_fen)::bigint, sum(f.spent_fiscal_fen + f.spent_other_fen)::bigint, sum(f.warned)::int, sum(f.errors)::int,
                   sum(f.warnings)::int, sum(f.infos)::int, sum(f.indicators)::int
            FROM (SELECT * FROM rm_project_facts WHERE {Scope}) f
            JOIN rm_projects p ON p.code = f.code
            LEFT JOIN rm_evaluations e ON e.status = 'accepted' AND e.project_code = COALESCE(p.predecessor_code,
                (SELECT q.code FROM rm_projects q WHERE q.division_code = p.division_code AND q.unit_code = p.unit_code
                   AND q.year = p.year - 1 AND q.name = p.name ORDER BY q.code LIMIT 1))
            GROUP BY 1
            """,
        _ => $"SELECT 'total', {Sums} FROM rm_summary WHERE {Scope} HAVING count(*) > 0",
    };

    public async Task<(IReadOnlyList<SummaryFigures> Rows, SummaryFigures Total)> RunAsync(int year, string divisionCode,
        string departmentCode, string groupBy, Caller caller, CancellationToken ct)
    {
        // One snapshot for both statements, so that the rows always add up to the total while events are applied.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var rows = await Query(tx, $"{Sql(groupBy)} ORDER BY 1", year, divisionCode, departmentCode, caller, ct);
        var total = await Query(tx, Sql("total"), year, divisionCode, departmentCode, caller, ct);
        return (rows, total.SingleOrDefault() ?? new SummaryFigures("total", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    private static async Task<List<SummaryFigures>> Query(NpgsqlTransaction tx, string sql, int year, string divisionCode,
        string departmentCode, Caller caller, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, tx.Connection, tx);
        cmd.Parameters.AddWithValue("year", year);
        cmd.Parameters.AddWithValue("division", divisionCode);
        cmd.Parameters.AddWithValue("department", departmentCode);
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
