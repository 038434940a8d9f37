using System.Text.Json;
using Npgsql;
using PerfPlatform.Contracts.Performance;

namespace PerfPlatform.Reporting.Disclosure;

/// <summary>
/// 绩效信息公开 of self-evaluations: only accepted ones (reviewed by the finance bureau; never a draft or one merely
/// submitted), one row per indicator with its final score, and nothing of the review but its result — no comment, no
/// reviewer. Money in yuan with two decimals, scores with two decimals.
/// </summary>
public sealed class PublicEvaluations(NpgsqlDataSource dataSource)
{
    public static readonly PublishedField[] Fields =
    [
        new("projectCode", "string", "项目编码"), new("projectName", "string", "项目名称"),
        new("departmentCode", "string", "部门代码"), new("departmentName", "string", "部门名称"),
        new("unitCode", "string", "单位代码"), new("unitName", "string", "单位名称"),
        new("budgetYuan", "number", "全年预算数（元）"), new("spentYuan", "number", "全年执行数（元）"),
        new("score", "number", "自评得分"), new("outOf", "number", "满分"), new("grade", "string", "评价等级"),
        new("level1", "string", "一级指标"), new("indicator", "string", "三级指标"), new("target", "string", "年度指标值"),
        new("reached", "string", "实际完成值"), new("points", "number", "分值"), new("indicatorScore", "number", "得分"),
    ];

    public async Task<(string DivisionName, IReadOnlyList<object?[]> Rows)> ReadAsync(string division, int year, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT e.project_code, COALESCE(p.name, ''), e.department_code, COALESCE(d.name, ''), e.unit_code, COALESCE(u.name, ''),
                   e.budget_fen, e.spent_fen, e.final_score, e.out_of, e.final_grade, e.items::text, COALESCE(v.name, '')
            FROM rm_evaluations e
            LEFT JOIN rm_projects p ON p.code = e.project_code
            LEFT JOIN rm_departments d ON d.division_code = e.division_code AND d.code = e.department_code
            LEFT JOIN rm_units u ON u.division_code = e.division_code AND u.code = e.unit_code
            LEFT JOIN rm_divisions v ON v.code = e.division_code
            WHERE e.division_code = @division AND e.year = @year AND e.status = 'accepted'
            ORDER BY e.department_code, e.unit_code, e.project_code
            """);
        cmd.Parameters.AddWithValue("division", division);
        cmd.Parameters.AddWithValue("year", year);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<object?[]>();
        var divisionName = "";
        while (await reader.ReadAsync(ct))
        {
            divisionName = reader.GetString(12);
            object?[] project =
            [
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                Money.FenToYuan(reader.GetInt64(6)), Money.FenToYuan(reader.GetInt64(7)), reader.GetDecimal(8), reader.GetDecimal(9), reader.GetString(10),
            ];
            foreach (var item in JsonSerializer.Deserialize<List<EvaluatedIndicator>>(reader.GetString(11), OutboxMessage.Json) ?? [])
                rows.Add([.. project, item.Level1, item.Name, item.Target, item.Reached, item.Points, item.Score]);
        }
        return (divisionName, rows);
    }

    public static string Json(string division, string divisionName, int year, IReadOnlyList<object?[]> rows) =>
        DataPackage.Json($"evaluations-{division}-{year}", $"{divisionName}{year}年项目支出绩效自评结果（已审核）".Trim(), division, divisionName, year,
            Fields, rows);

    public static byte[] Csv(IReadOnlyList<object?[]> rows) => DataPackage.Csv(Fields, rows);
}
