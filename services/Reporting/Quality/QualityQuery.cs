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

/// <summary>
/// The scorecard's figures, all read from one snapshot: every year's, the groups of the asked year in key order (a page of
/// them when one was asked, of <see cref="GroupCount"/>), the year's rules and the rules of the groups read.
/// </summary>
public sealed record QualityFigures(IReadOnlyList<FiledFigures> Years, IReadOnlyList<FiledFigures> Groups, int GroupCount,
    IReadOnlyList<RuleFigures> Rules);

/// <summary>
/// Reads the scorecard from its aggregates (migration 0012), kept per unit, department and division as events apply: the
/// finance bureau's questions read the coarsest grain they allow, a caller restricted to some units reads those units'
/// rows. A province files a million projects a year; summing them on every request took seconds.
/// </summary>
public sealed class QualityQuery(NpgsqlDataSource dataSource)
{
    private const string Scope = """
        (@division = '' OR a.division_code = @division) AND (@all OR (a.division_code || ':' || a.unit_code) = ANY(@units))
        """;

    /// <param name="groupBy">department or unit: also the groups' figures and their rules; otherwise the year's only.</param>
    /// <param name="page">The groups to read, in key order; null for all of them.</param>
    public async Task<QualityFigures> ReadAsync(int year, string groupBy, string divisionCode, Caller caller, PageAsked? page,
        CancellationToken ct)
    {
        // The group's key as SQL and the columns it is made of (codes of fixed length: ordered by them, the keys are in
        // ordinal order); none when the rows are the rules themselves.
        var (key, columns) = groupBy switch
        {
            "department" => ("a.division_code || '/' || a.department_code", "a.division_code, a.department_code"),
            "unit" => ("a.division_code || '/' || a.unit_code", "a.division_code, a.unit_code"),
            _ => (null, null),
        };
        // Level 0 is the unit rows (they carry the unit a restricted caller may see), 1 the department rows, 2 the division rows.
        var yearLevel = caller.IsFinance ? 2 : 0;
        var groupLevel = caller.IsFinance && groupBy == "department" ? 1 : 0;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var years = await FiledAsync(tx, $"SELECT a.year::text, {Filed} FROM rm_quality a WHERE a.level = @level AND {Scope} GROUP BY a.year ORDER BY a.year",
            yearLevel, year, divisionCode, caller, ct);
        // The page of groups is cut in the database and the groups counted apart, as the summary's are (14,286 units at a
        // province); the rules are read for the page's groups only.
        var inYear = $"FROM rm_quality a WHERE a.level = @level AND a.year = @year AND {Scope}";
        var shown = key is null ? []
            : await FiledAsync(tx, GroupPages.Sql($"{key}, {Filed}", inYear, columns!, columns!, page is { } p ? (p.Offset, p.Size) : null, keysFirst: true),
                groupLevel, year, divisionCode, caller, ct);
        var groupCount = shown.Count;
        if (key is not null && page is not null)
        {
            await using var count = Command(tx, $"SELECT count(*)::int FROM (SELECT {inYear} GROUP BY {columns}) AS g", groupLevel, year, divisionCode, caller);
            groupCount = (int)(await count.ExecuteScalarAsync(ct))!;
        }
        var rules = await RulesAsync(tx, null, yearLevel, year, divisionCode, caller, null, ct);
        if (key is not null && shown.Count > 0)
            rules.AddRange(await RulesAsync(tx, key, groupLevel, year, divisionCode, caller,
                page is null ? null : (shown[0].Key, shown[^1].Key), ct));
        await tx.CommitAsync(ct);
        return new QualityFigures(years, shown, groupCount, rules);
    }

    private const string Filed = """
        sum(a.projects)::int, sum(a.without_errors)::int, sum(a.errors)::int, sum(a.warnings)::int, sum(a.infos)::int
        """;

    private static async Task<List<FiledFigures>> FiledAsync(NpgsqlTransaction tx, string sql, int level, int year, string divisionCode,
        Caller caller, CancellationToken ct)
    {
        var rows = new List<FiledFigures>();
        await using var reader = await Command(tx, sql, level, year, divisionCode, caller).ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new FiledFigures(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        return rows;
    }

    /// <summary>
    /// Per rule of the year (<paramref name="key"/> null), or per group and rule (of the groups from the first to the last
    /// key of <paramref name="page"/> when given: a page is a run of the groups in key order): the findings, the projects
    /// and those of them without errors, and the findings of each severity the rule was reported with.
    /// </summary>
    private static async Task<List<RuleFigures>> RulesAsync(NpgsqlTransaction tx, string? key, int level, int year, string divisionCode,
        Caller caller, (string First, string Last)? page, CancellationToken ct)
    {
        // The page's divisions bound the rows by the aggregates' key (a page reads its own divisions' rows, not the year's:
        // a province has 140 divisions), and its first and last keys take its groups from them.
        var pageRows = page is null ? ""
            : $"AND a.division_code BETWEEN @firstDivision AND @lastDivision AND ({key}) COLLATE \"C\" BETWEEN @first AND @last";
        var sql = $"""
            SELECT {key ?? "''"}, a.rule_id, sum(a.findings)::int, sum(a.projects)::int, sum(a.without_errors)::int,
                   sum(a.error_findings)::int, sum(a.warning_findings)::int, sum(a.info_findings)::int,
                   sum(a.error_projects)::int, sum(a.warning_projects)::int, sum(a.info_projects)::int
            FROM rm_quality_rules a
            WHERE a.level = @level AND a.year = @year AND {Scope} {pageRows}
            GROUP BY 1, 2
            """;
        var rules = new List<RuleFigures>();
        await using var cmd = Command(tx, sql, level, year, divisionCode, caller);
        if (page is { } p)
        {
            cmd.Parameters.AddWithValue("first", p.First);
            cmd.Parameters.AddWithValue("last", p.Last);
            cmd.Parameters.AddWithValue("firstDivision", p.First[..p.First.IndexOf('/')]);
            cmd.Parameters.AddWithValue("lastDivision", p.Last[..p.Last.IndexOf('/')]);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            // A severity the rule was reported with in at least one project, with its findings.
            var bySeverity = new Dictionary<string, int>();
            foreach (var (severity, at) in Severities)
                if (reader.GetInt32(at + 3) > 0) bySeverity[severity] = reader.GetInt32(at);
            rules.Add(new RuleFigures(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), bySeverity));
        }
        return rules;
    }

    private static readonly (string Severity, int Column)[] Severities = [("error", 5), ("warning", 6), ("info", 7)];

    private static NpgsqlCommand Command(NpgsqlTransaction tx, string sql, int level, int year, string divisionCode, Caller caller)
    {
        var cmd = new NpgsqlCommand(sql, tx.Connection, tx);
        cmd.Parameters.AddWithValue("level", (short)level);
        cmd.Parameters.AddWithValue("year", year);
        cmd.Parameters.AddWithValue("division", divisionCode);
        cmd.Parameters.AddWithValue("all", caller.IsFinance);
        cmd.Parameters.AddWithValue("units", caller.UnitKeys.ToArray());
        return cmd;
    }
}
