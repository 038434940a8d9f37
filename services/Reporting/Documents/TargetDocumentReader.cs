using System.Text.Json;
using Npgsql;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Documents.Model;

namespace PerfPlatform.Reporting.Documents;

/// <summary>Puts a unit's whole target document for a year back together from the read model, in the form's order.</summary>
public sealed class TargetDocumentReader(NpgsqlDataSource dataSource)
{
    public async Task<TargetDocument?> ReadAsync(string division, string unit, int year, CancellationToken ct)
    {
        var projects = new List<ProjectTable>();
        await using (var cmd = dataSource.CreateCommand("""
            SELECT p.code, p.name, p.purpose, p.goals::text, p.total_fen, p.fiscal_fen, p.other_fen, COALESCE(u.name, ''),
                   COALESCE(s.checkpoints::text, '[]')
            FROM rm_projects p
            LEFT JOIN rm_units u ON u.division_code = p.division_code AND u.code = p.unit_code
            LEFT JOIN rm_spending_plans s ON s.project_code = p.code
            WHERE p.division_code = @division AND p.unit_code = @unit AND p.year = @year
            ORDER BY p.code
            """))
        {
            cmd.Parameters.AddWithValue("division", division);
            cmd.Parameters.AddWithValue("unit", unit);
            cmd.Parameters.AddWithValue("year", year);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(1);
                var plan = JsonSerializer.Deserialize<List<PlannedCheckpoint>>(reader.GetString(8), OutboxMessage.Json) ?? [];
                projects.Add(new ProjectTable(
                    $"{projects.Count + 1}.{name}绩效目标表", unit, reader.GetString(7), "单位：元", reader.GetString(0), name,
                    Amount(reader.GetInt64(4)), Amount(reader.GetInt64(5)), Amount(reader.GetInt64(6)), reader.GetString(2),
                    ValueList.Of(plan.Select(c => new Checkpoint(c.Label, c.Month, c.CumulativeBp, c.CumulativeBp is { } bp ? BasisPoints.FormatPercent(bp) : ""))),
                    ValueList.Of(JsonSerializer.Deserialize<List<string>>(reader.GetString(3)) ?? []),
                    ValueList<IndicatorRow>.Empty));
            }
        }
        if (projects.Count == 0) return null;
        for (var i = 0; i < projects.Count; i++) projects[i] = projects[i] with { Indicators = await IndicatorsAsync(projects[i].Code, ct) };
        return new TargetDocument(await DepartmentAsync(division, Codes.DepartmentOfUnit(unit), year, ct), ValueList.Of(projects));
    }

    private static Amount Amount(long fen) => new(Money.FormatYuan(fen), fen);

    private async Task<ValueList<IndicatorRow>> IndicatorsAsync(string code, CancellationToken ct)
    {
        var rows = new List<IndicatorRow>();
        await using var cmd = dataSource.CreateCommand(
            "SELECT level1, level2, name, description, target, basis FROM rm_indicators WHERE project_code = @code ORDER BY position");
        cmd.Parameters.AddWithValue("code", code);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (l1, l2) = (reader.GetString(0), reader.GetString(1));
            // As the form is filled: a level repeated from the row above is a blank cell carried down.
            var carried1 = rows.Count > 0 && rows[^1].Level1 == l1;
            var carried2 = carried1 && rows[^1].Level2 == l2;
            rows.Add(new IndicatorRow(l1, l2, reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), carried1, carried2));
        }
        return ValueList.Of(rows);
    }

    private async Task<DepartmentPart> DepartmentAsync(string division, string department, int year, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT overall_goal, item_goals::text, safeguard_measures FROM rm_department_goals
            WHERE division_code = @division AND department_code = @department AND year = @year
            """);
        cmd.Parameters.AddWithValue("division", division);
        cmd.Parameters.AddWithValue("department", department);
        cmd.Parameters.AddWithValue("year", year);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return new DepartmentPart("", null, null, ValueList<ItemGoal>.Empty, "");
        var items = JsonSerializer.Deserialize<List<string>>(reader.GetString(1)) ?? [];
        return new DepartmentPart(reader.GetString(0), null, null, ValueList.Of(items.Select(t => new ItemGoal(t, ValueList<decimal>.Empty))), reader.GetString(2));
    }
}
