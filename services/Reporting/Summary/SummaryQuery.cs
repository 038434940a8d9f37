using System.Data;
using Npgsql;

namespace PerfPlatform.Reporting.Summary;

public sealed record SummaryFigures(
    string Key, int Projects, long TotalFen, long FiscalFen, long OtherFen, long SpentFen, int OpenWarnings,
    int Errors, int Warnings, int Infos, int Indicators, string? Name = null)
{
    public int ExecutionBp => BasisPoints.Ratio(SpentFen, TotalFen);
}

/// <summary>
/// The finance bureau's aggregation, exact to the fen: one row per group and the grand total. Answered from the
/// aggregates the projector keeps per year, division, department, unit and status (rm_summary, and rm_summary_level1
/// per indicator category), also rolled up per department and per division (LevelOf), never by scanning the province's
/// projects. Groups by level1 and by fund source overlap (a
/// project has several categories and two sources); the total does not. By level1, findings are those on the
/// category's indicators; findings on a set as a whole (a missing quantity indicator, say) count only in the total.
/// The database orders and cuts the page, and the rows carry their division, department and unit names (migration
/// 0009), so a page of a province's 14,000 units costs one pass over the aggregates and no join (bench P4).
/// </summary>
public sealed class SummaryQuery(NpgsqlDataSource dataSource)
{
    public static readonly string[] Groupings = ["division", "department", "unit", "fund_source", "status", "level1", "predecessor_grade"];

    /// <summary>The key of projects whose predecessor has no accepted evaluation (or that have none).</summary>
    public const string NoPredecessorGrade = "none";

    // The rows in scope: the year, optionally a division and a department, and the caller's units.
    private const string Scope = """
        year = @year AND (@division = '' OR division_code = @division) AND (@department = '' OR department_code = @department)
          AND (@all OR (division_code || ':' || unit_code) = ANY(@units))
        """;

    // The aggregate rows in scope, at the grain LevelOf chose.
    private const string Grain = "level = @level AND " + Scope;

    /// <summary>
    /// The coarsest grain of the aggregates (migration 0011) that answers: a caller restricted to some units, and the page
    /// by unit, read the units' rows (level 0); the finance bureau reads department rows within a department or by
    /// department (1), and division rows otherwise (2).
    /// </summary>
    private static short LevelOf(SummaryScope scope, string groupBy) =>
        !scope.Caller.IsFinance || groupBy == "unit" ? (short)0
        : scope.DepartmentCode.Length > 0 || groupBy == "department" ? (short)1 : (short)2;

    private const string Sums = """
        sum(projects)::int, sum(total_fen)::bigint, sum(fiscal_fen)::bigint, sum(other_fen)::bigint,
        sum(spent_fiscal_fen + spent_other_fen)::bigint, sum(warned)::int, sum(errors)::int, sum(warnings)::int,
        sum(infos)::int, sum(indicators)::int
        """;

    /// <summary>The groupings of reference data: the key, the name column, and the columns grouped by, in key order.</summary>
    private static readonly Dictionary<string, (string Key, string Name, string Columns)> ByReference = new()
    {
        ["division"] = ("division_code", "division_name", "division_code"),
        ["department"] = ("division_code || '/' || department_code", "department_name", "division_code, department_code"),
        ["unit"] = ("division_code || '/' || unit_code", "unit_name", "division_code, unit_code"),
    };

    // The other groupings' rows: key, no name, then the sums in the order of Sums. Each has a handful of groups.
    private static string Sql(string groupBy) => groupBy switch
    {
        "status" => $"SELECT status, NULL::text, {Sums} FROM rm_summary WHERE {Grain} GROUP BY 1",
        "fund_source" => $"""
            SELECT 'fiscal', NULL::text, sum(fiscal_projects)::int, sum(fiscal_fen)::bigint, sum(fiscal_fen)::bigint, 0::bigint,
                   sum(spent_fiscal_fen)::bigint, sum(fiscal_warned)::int, sum(fiscal_errors)::int, sum(fiscal_warnings)::int,
                   sum(fiscal_infos)::int, sum(fiscal_indicators)::int
            FROM rm_summary WHERE {Grain} HAVING sum(fiscal_projects) > 0
            UNION ALL
            SELECT 'other', NULL::text, sum(other_projects)::int, sum(other_fen)::bigint, 0::bigint, sum(other_fen)::bigint,
                   sum(spent_other_fen)::bigint, sum(other_warned)::int, sum(other_errors)::int, sum(other_warnings)::int,
                   sum(other_infos)::int, sum(other_indicators)::int
            FROM rm_summary WHERE {Grain} HAVING sum(other_projects) > 0
            """,
        "level1" => $"""
            SELECT level1, NULL::text, sum(projects)::int, sum(total_fen)::bigint, sum(fiscal_fen)::bigint, sum(other_fen)::bigint,
                   sum(spent_fen)::bigint, sum(warned)::int, sum(errors)::int, sum(warnings)::int, sum(infos)::int, sum(indicators)::int
            FROM rm_summary_level1 WHERE {Grain} GROUP BY 1
            """,
        // 结果应用: by the grade of the predecessor's accepted self-evaluation. Not kept as an aggregate: a grade arriving
        // for last year's project would move this year's rows; this grouping reads the year's projects of the scope instead.
        "predecessor_grade" => $"""
            SELECT COALESCE(e.final_grade, '{NoPredecessorGrade}'), NULL::text, count(*)::int, sum(f.total_fen)::bigint, sum(f.fiscal_fen)::bigint,
                   sum(f.other_fen)::bigint, sum(f.spent_fiscal_fen + f.spent_other_fen)::bigint, sum(f.warned)::int, sum(f.errors)::int,
                   sum(f.warnings)::int, sum(f.infos)::int, sum(f.indicators)::int
            FROM (SELECT * FROM rm_project_facts WHERE {Scope}) f
            JOIN rm_projects p ON p.code = f.code
            LEFT JOIN rm_evaluations e ON e.status = 'accepted' AND e.project_code = COALESCE(p.predecessor_code,
                (SELECT q.code FROM rm_projects q WHERE q.division_code = p.division_code AND q.unit_code = p.unit_code
                   AND q.year = p.year - 1 AND q.name = p.name ORDER BY q.code LIMIT 1))
            GROUP BY 1
            """,
        _ => $"SELECT 'total', NULL::text, {Sums} FROM rm_summary WHERE {Grain} HAVING count(*) > 0",
    };

    private static bool IsByKey(string order) => order is "" or "key";

    // The order of the page, as the proto says: by the column, then by key; execution as BasisPoints.Ratio rounds it.
    private static string OrderBy(string order, bool descending, string keyOrder, string projects, string total, string spent)
    {
        var direction = descending ? " DESC" : "";
        var column = order switch
        {
            "budget" => total,
            "spent" => spent,
            "projects" => projects,
            "execution" => $"CASE WHEN {total} = 0 THEN 0 ELSE least(greatest(round({spent} * 10000.0 / {total}), -2147483648), 2147483647) END",
            _ => null,
        };
        var byKey = string.Join(", ", keyOrder.Split(", ").Select(c => c + (column is null ? direction : "")));
        return column is null ? byKey : $"{column}{direction}, {keyOrder}";
    }

    /// <summary>
    /// One page of a grouping (ordered by order_by, cut in the database), how many groups there are in all, and the
    /// total, read in one snapshot so that the rows always add up to the total while events are applied.
    /// </summary>
    /// <remarks>
    /// By division, department or unit the query groups by the code columns and orders by them, so that PostgreSQL can
    /// read the page's rows in index order and stop (14,000 units at a province's scale, bench P4), a later page in key
    /// order picking its groups first (<see cref="GroupPages"/>); the groups are counted apart. The other groupings have a
    /// handful of groups, ordered and counted over the grouped rows.
    /// </remarks>
    public async Task<(IReadOnlyList<SummaryFigures> Rows, int Groups, SummaryFigures Total)> RunAsync(SummaryScope scope,
        string groupBy, string order, bool descending, int offset, int size, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        List<SummaryFigures> rows;
        var groups = -1;
        var level = LevelOf(scope, groupBy);
        if (ByReference.TryGetValue(groupBy, out var g))
        {
            var orderBy = OrderBy(order, descending, g.Columns, "sum(projects)", "sum(total_fen)", "sum(spent_fiscal_fen + spent_other_fen)");
            rows = await Query(tx, GroupPages.Sql($"{g.Key}, min({g.Name}), {Sums}", $"FROM rm_summary WHERE {Grain}", g.Columns, orderBy,
                (offset, size), keysFirst: IsByKey(order)), scope, level, ct);
            await using var count = Command(tx, $"SELECT count(*)::int FROM (SELECT FROM rm_summary WHERE {Grain} GROUP BY {g.Columns}) AS g", scope, level);
            groups = (int)(await count.ExecuteScalarAsync(ct))!;
        }
        else
        {
            rows = await Query(tx, $"""
                SELECT g.*, count(*) OVER ()::int
                FROM ({Sql(groupBy)}) AS g(key, name, projects, total_fen, fiscal_fen, other_fen, spent_fen, warned, errors, warnings, infos, indicators)
                ORDER BY {OrderBy(order, descending, "key COLLATE \"C\"", "projects", "total_fen", "spent_fen")} LIMIT {size} OFFSET {offset}
                """, scope, level, ct, reader => groups = reader.GetInt32(12));
            if (groups < 0)
            {
                // A page past the end has no row to count on.
                await using var count = Command(tx, $"SELECT count(*)::int FROM ({Sql(groupBy)}) AS g", scope, level);
                groups = (int)(await count.ExecuteScalarAsync(ct))!;
            }
        }
        // Groups that share no project, all on this page, add up to the total: no second pass over the aggregates.
        if (Partitions.Contains(groupBy) && offset == 0 && rows.Count == groups) return (rows, groups, Sum(rows));
        var total = await Query(tx, Sql("total"), scope, LevelOf(scope, "total"), ct);
        return (rows, groups, total.SingleOrDefault() ?? Sum([]));
    }

    /// <summary>The groupings in which each project counts once (not fund_source or level1, whose groups overlap).</summary>
    private static readonly string[] Partitions = ["division", "department", "unit", "status"];

    private static SummaryFigures Sum(IReadOnlyCollection<SummaryFigures> rows) => new("total", rows.Sum(r => r.Projects),
        rows.Sum(r => r.TotalFen), rows.Sum(r => r.FiscalFen), rows.Sum(r => r.OtherFen), rows.Sum(r => r.SpentFen),
        rows.Sum(r => r.OpenWarnings), rows.Sum(r => r.Errors), rows.Sum(r => r.Warnings), rows.Sum(r => r.Infos), rows.Sum(r => r.Indicators));

    private static NpgsqlCommand Command(NpgsqlTransaction tx, string sql, SummaryScope scope, short level)
    {
        var cmd = new NpgsqlCommand(sql, tx.Connection, tx);
        cmd.Parameters.AddWithValue("level", level);
        cmd.Parameters.AddWithValue("year", scope.Year);
        cmd.Parameters.AddWithValue("division", scope.DivisionCode);
        cmd.Parameters.AddWithValue("department", scope.DepartmentCode);
        cmd.Parameters.AddWithValue("all", scope.Caller.IsFinance);
        cmd.Parameters.AddWithValue("units", scope.Caller.UnitKeys.ToArray());
        return cmd;
    }

    private static async Task<List<SummaryFigures>> Query(NpgsqlTransaction tx, string sql, SummaryScope scope, short level,
        CancellationToken ct, Action<NpgsqlDataReader>? more = null)
    {
        await using var cmd = Command(tx, sql, scope, level);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<SummaryFigures>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(new SummaryFigures(reader.GetString(0), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11),
                reader.IsDBNull(1) ? null : reader.GetString(1)));
            more?.Invoke(reader);
        }
        return result;
    }
}

/// <summary>The rows a summary covers: a year, optionally a division and one of its departments, and what the caller may see.</summary>
public sealed record SummaryScope(int Year, string DivisionCode, string DepartmentCode, Caller Caller);
