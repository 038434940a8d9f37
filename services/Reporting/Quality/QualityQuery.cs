using System.Data;
using Npgsql;

namespace PerfPlatform.Reporting.Quality;

/// <summary>Filed projects (those with an indicator set) of a group: how many, how many without errors, their findings by severity.</summary>
public sealed record FiledFigures(string Key, int Projects, int WithoutErrors, int Errors, int Warnings, int Infos);

/// <summary>
/// A rule's findings within a group (<see cref="Group"/> empty: the whole year): how many, in how many projects (and how many
/// of those have no errors), and the findings of each severity it was reported with.
/// </summary>
public sealed record RuleFigures(string Group, string RuleId, int Findings, int Projects, int ProjectsWithoutErrors, IReadOnlyDictionary<string, int> BySeverity);

/// <summary>The scorecard's figures, all aggregated in the database from one snapshot.</summary>
public sealed record QualityFigures(IReadOnlyList<FiledFigures> Years, IReadOnlyList<FiledFigures> Groups, IReadOnlyList<RuleFigures> Rules);

/// <summary>
/// Sums the filed projects the caller may see and their findings per rule in the database: per year (the trend), per group
/// of the asked year, and per rule, of the year and of each group. A province files a million projects a year: reading them
/// into memory and matching each group's projects against every finding took longer than any page may wait.
/// </summary>
public sealed class QualityQuery(NpgsqlDataSource dataSource)
{
    private const string Scope = """
        WITH s AS (
            SELECT p.code, p.year, p.division_code, p.department_code, p.unit_code, i.errors, i.warnings, i.infos
            FROM rm_projects p JOIN rm_indicator_sets i ON i.project_code = p.code
            WHERE (@division = '' OR p.division_code = @division) AND (@all OR (p.division_code || ':' || p.unit_code) = ANY(@units)))
        """;

    /// <param name="groupBy">department or unit: also the groups' figures and their rules; otherwise the year's only.</param>
    public async Task<QualityFigures> ReadAsync(int year, string groupBy, string divisionCode, Caller caller, CancellationToken ct)
    {
        // The group's key as SQL; none when the rows are the rules themselves.
        var key = groupBy switch
        {
            "department" => "s.division_code || '/' || s.department_code",
            "unit" => "s.division_code || '/' || s.unit_code",
            _ => null,
        };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var years = await FiledAsync(tx, $"{Scope} SELECT s.year::text, {Filed} FROM s GROUP BY s.year ORDER BY s.year", year, divisionCode, caller, ct);
        var groups = key is null ? []
            : await FiledAsync(tx, $"{Scope} SELECT {key}, {Filed} FROM s WHERE s.year = @year GROUP BY 1", year, divisionCode, caller, ct);
        var rules = await RulesAsync(tx, key, year, divisionCode, caller, ct);
        await tx.CommitAsync(ct);
        return new QualityFigures(years, groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToList(), rules);
    }

    private const string Filed = """
        count(*)::int, (count(*) FILTER (WHERE s.errors = 0))::int, sum(s.errors)::int, sum(s.warnings)::int, sum(s.infos)::int
        """;

    private static async Task<List<FiledFigures>> FiledAsync(NpgsqlTransaction tx, string sql, int year, string divisionCode, Caller caller,
        CancellationToken ct)
    {
        var rows = new List<FiledFigures>();
        await using var reader = await Command(tx, sql, year, divisionCode, caller).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new FiledFigures(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        return rows;
    }

    /// <summary>
    /// Per rule of the year and per group and rule: the findings and the distinct projects (a project may report a rule
    /// under two severities), then the findings of each severity.
    /// </summary>
    private static async Task<List<RuleFigures>> RulesAsync(NpgsqlTransaction tx, string? key, int year, string divisionCode, Caller caller,
        CancellationToken ct)
    {
        var (group, groupSets) = key is null ? ("''", "")
            : ($"CASE WHEN GROUPING({key}) = 1 THEN '' ELSE {key} END", $", ({key}, r.rule_id), ({key}, r.rule_id, r.severity)");
        var sql = $"""
            {Scope}
            SELECT {group}, r.rule_id, r.severity, sum(r.findings)::int,
                   count(DISTINCT r.project_code)::int, (count(DISTINCT r.project_code) FILTER (WHERE s.errors = 0))::int
            FROM s JOIN rm_indicator_set_rules r ON r.project_code = s.code
            WHERE s.year = @year
            GROUP BY GROUPING SETS ((r.rule_id), (r.rule_id, r.severity){groupSets})
            """;
        var totals = new Dictionary<(string Group, string Rule), (int Findings, int Projects, int WithoutErrors)>();
        var bySeverity = new Dictionary<(string Group, string Rule), Dictionary<string, int>>();
        await using (var reader = await Command(tx, sql, year, divisionCode, caller).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var at = (reader.GetString(0), reader.GetString(1));
                if (reader.IsDBNull(2)) totals[at] = (reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
                else (bySeverity.TryGetValue(at, out var s) ? s : bySeverity[at] = [])[reader.GetString(2)] = reader.GetInt32(3);
            }
        return totals.Select(t => new RuleFigures(t.Key.Group, t.Key.Rule, t.Value.Findings, t.Value.Projects, t.Value.WithoutErrors, bySeverity[t.Key]))
            .ToList();
    }

    private static NpgsqlCommand Command(NpgsqlTransaction tx, string sql, int year, string divisionCode, Caller caller)
    {
        var cmd = new NpgsqlCommand(sql, tx.Connection, tx);
        cmd.Parameters.AddWithValue("year", year);
        cmd.Parameters.AddWithValue("division", divisionCode);
        cmd.Parameters.AddWithValue("all", caller.IsFinance);
        cmd.Parameters.AddWithValue("units", caller.UnitKeys.ToArray());
        return cmd;
    }
}
