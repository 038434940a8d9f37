using System.Data;
using Npgsql;

namespace PerfPlatform.Reporting.Quality;

/// <summary>A filed project (one with an indicator set) and its findings by severity.</summary>
public sealed record FiledProject(string Code, int Year, string DivisionCode, string DepartmentCode, string UnitCode, int Errors, int Warnings, int Infos);

/// <summary>A project's findings of one rule and severity.</summary>
public sealed record RuleHit(string ProjectCode, string RuleId, string Severity, int Findings);

/// <summary>
/// Reads the filed projects the caller may see (every year, for the trend) and their findings per rule, in one snapshot;
/// the scorecard is aggregated from these in memory.
/// </summary>
public sealed class QualityQuery(NpgsqlDataSource dataSource)
{
    private const string Scope = """
        FROM rm_projects p JOIN rm_indicator_sets i ON i.project_code = p.code
        WHERE (@division = '' OR p.division_code = @division) AND (@all OR (p.division_code || ':' || p.unit_code) = ANY(@units))
        """;

    public async Task<(IReadOnlyList<FiledProject> Projects, IReadOnlyList<RuleHit> Rules)> ReadAsync(string divisionCode, Caller caller,
        CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var projects = new List<FiledProject>();
        await using (var reader = await Command(tx, $"SELECT p.code, p.year, p.division_code, p.department_code, p.unit_code, i.errors, i.warnings, i.infos {Scope}",
                         divisionCode, caller).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                projects.Add(new FiledProject(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7)));
        var rules = new List<RuleHit>();
        await using (var reader = await Command(tx,
                         $"SELECT r.project_code, r.rule_id, r.severity, r.findings FROM rm_indicator_set_rules r WHERE r.project_code IN (SELECT p.code {Scope})",
                         divisionCode, caller).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rules.Add(new RuleHit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        await tx.CommitAsync(ct);
        return (projects, rules);
    }

    private static NpgsqlCommand Command(NpgsqlTransaction tx, string sql, string divisionCode, Caller caller)
    {
        var cmd = new NpgsqlCommand(sql, tx.Connection, tx);
        cmd.Parameters.AddWithValue("division", divisionCode);
        cmd.Parameters.AddWithValue("all", caller.IsFinance);
        cmd.Parameters.AddWithValue("units", caller.UnitKeys.ToArray());
        return cmd;
    }
}
