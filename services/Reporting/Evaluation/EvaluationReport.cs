using Npgsql;

namespace PerfPlatform.Reporting.Evaluation;

/// <summary>One group of evaluated projects: how many, how many accepted, their final scores' sum and each grade's count.</summary>
public sealed record EvaluationFigures(string Key, string Name, int Evaluated, int Accepted, decimal ScoreSum, IReadOnlyDictionary<string, int> Grades)
{
    /// <summary>The average final score, two decimals rounded half away from zero; null when nothing is evaluated.</summary>
    public decimal? Average => Evaluated == 0 ? null : Math.Round(ScoreSum / Evaluated, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The finance bureau's view of the year's self-evaluations, from the read model only: submitted and accepted ones (a
/// draft is the department's own), by department, unit or final grade, within the caller's units.
/// </summary>
public sealed class EvaluationReport(NpgsqlDataSource dataSource)
{
    public static readonly string[] Groupings = ["department", "unit", "grade"];
    public static readonly string[] GradeOrder = ["优", "良", "中", "差"];

    public async Task<(List<EvaluationFigures> Rows, EvaluationFigures Total)> RunAsync(int year, string division, string groupBy, Caller caller,
        CancellationToken ct)
    {
        var key = groupBy switch
        {
            "unit" => "e.division_code || '/' || e.unit_code",
            "grade" => "e.final_grade",
            _ => "e.division_code || '/' || e.department_code",
        };
        var name = groupBy switch
        {
            "unit" => "COALESCE(max(u.name), '')",
            "grade" => "''",
            _ => "COALESCE(max(d.name), '')",
        };
        await using var cmd = dataSource.CreateCommand($"""
            SELECT {key}, {name}, e.final_grade, count(*)::int, count(*) FILTER (WHERE e.status = 'accepted')::int, sum(e.final_score)
            FROM rm_evaluations e
            LEFT JOIN rm_units u ON u.division_code = e.division_code AND u.code = e.unit_code
            LEFT JOIN rm_departments d ON d.division_code = e.division_code AND d.code = e.department_code
            WHERE e.year = @year AND e.status IN ('submitted', 'accepted') AND (@division = '' OR e.division_code = @division)
              AND (@all OR (e.division_code || ':' || e.unit_code) = ANY(@units))
            GROUP BY 1, 3
            """);
        cmd.Parameters.AddWithValue("year", year);
        cmd.Parameters.AddWithValue("division", division);
        cmd.Parameters.AddWithValue("all", caller.IsFinance);
        cmd.Parameters.AddWithValue("units", caller.UnitKeys.ToArray());
        var cells = new List<(string Key, string Name, string Grade, int Count, int Accepted, decimal Sum)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                cells.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetDecimal(5)));
        var rows = cells.GroupBy(c => c.Key)
            .Select(g => Figures(g.Key, g.Max(c => c.Name) ?? "", g))
            .OrderBy(r => groupBy == "grade" ? Array.IndexOf(GradeOrder, r.Key) : 0).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return (rows, Figures("total", "合计", cells));
    }

    /// <summary>Each submitted or accepted evaluation in scope (or a page of them), with the names of its project and unit.</summary>
    public async Task<List<Protos.Reporting.V1.EvaluatedProject>> ProjectsAsync(int year, string division, Caller caller, CancellationToken ct,
        PageAsked? page = null)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT e.project_code, COALESCE(p.name, ''), e.unit_code, COALESCE(u.name, ''), e.status, e.budget_fen, e.spent_fen,
                   e.score, e.out_of, e.reviewed_score, e.final_score, e.final_grade
            FROM rm_evaluations e
            LEFT JOIN rm_projects p ON p.code = e.project_code
            LEFT JOIN rm_units u ON u.division_code = e.division_code AND u.code = e.unit_code
            WHERE e.year = @year AND e.status IN ('submitted', 'accepted') AND (@division = '' OR e.division_code = @division)
              AND (@all OR (e.division_code || ':' || e.unit_code) = ANY(@units))
            ORDER BY e.division_code, e.department_code, e.unit_code, e.project_code
            {(page is { } p ? $"LIMIT {p.Size} OFFSET {p.Offset}" : "")}
            """);
        cmd.Parameters.AddWithValue("year", year);
        cmd.Parameters.AddWithValue("division", division);
        cmd.Parameters.AddWithValue("all", caller.IsFinance);
        cmd.Parameters.AddWithValue("units", caller.UnitKeys.ToArray());
        static string Two(decimal d) => d.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        var projects = new List<Protos.Reporting.V1.EvaluatedProject>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            projects.Add(new Protos.Reporting.V1.EvaluatedProject
            {
                ProjectCode = reader.GetString(0), ProjectName = reader.GetString(1), UnitCode = reader.GetString(2), UnitName = reader.GetString(3),
                Status = reader.GetString(4), BudgetFen = reader.GetInt64(5), SpentFen = reader.GetInt64(6), Score = Two(reader.GetDecimal(7)),
                OutOf = Two(reader.GetDecimal(8)), ReviewedScore = reader.IsDBNull(9) ? "" : Two(reader.GetDecimal(9)),
                FinalScore = Two(reader.GetDecimal(10)), FinalGrade = reader.GetString(11),
            });
        return projects;
    }

    private static EvaluationFigures Figures(string key, string name, IEnumerable<(string Key, string Name, string Grade, int Count, int Accepted, decimal Sum)> cells)
    {
        var list = cells.ToList();
        return new EvaluationFigures(key, name, list.Sum(c => c.Count), list.Sum(c => c.Accepted), list.Sum(c => c.Sum),
            list.GroupBy(c => c.Grade).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)));
    }
}
