using Npgsql;

namespace PerfPlatform.Reporting.Disclosure;

/// <summary>One published row: an approved project's indicator, with the project's money and its unit.</summary>
public sealed record PublicTargetRow(
    string ProjectCode, string ProjectName, string DepartmentCode, string DepartmentName, string UnitCode, string UnitName,
    long TotalFen, long FiscalFen, long OtherFen, string Purpose,
    string Level1, string Level2, string Indicator, string Description, string Target, string Basis);

/// <summary>
/// 绩效信息公开 of targets: only approved projects (never drafts, submitted or returned ones), and of them only what the
/// target table states — no review comments, no reviewer, no audit. Money in yuan with two decimals, as published.
/// </summary>
public sealed class PublicTargets(NpgsqlDataSource dataSource)
{
    /// <summary>The fields of a row, as a datapackage (Frictionless Table Schema) describes them: name, type, title.</summary>
    public static readonly (string Name, string Type, string Title)[] Fields =
    [
        ("projectCode", "string", "项目编码"), ("projectName", "string", "项目名称"),
        ("departmentCode", "string", "部门代码"), ("departmentName", "string", "部门名称"),
        ("unitCode", "string", "单位代码"), ("unitName", "string", "单位名称"),
        ("budgetYuan", "number", "预算数（元）"), ("fiscalYuan", "number", "其中：财政资金（元）"), ("otherYuan", "number", "其他资金（元）"),
        ("purpose", "string", "资金用途"),
        ("level1", "string", "一级指标"), ("level2", "string", "二级指标"), ("indicator", "string", "三级指标"),
        ("description", "string", "绩效指标描述"), ("target", "string", "指标值"), ("basis", "string", "指标值确定依据"),
    ];

    public async Task<(string DivisionName, IReadOnlyList<PublicTargetRow> Rows)> ReadAsync(string division, int year, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT p.code, p.name, p.department_code, COALESCE(d.name, ''), p.unit_code, COALESCE(u.name, ''),
                   p.total_fen, p.fiscal_fen, p.other_fen, p.purpose,
                   COALESCE(x.level1, ''), COALESCE(x.level2, ''), COALESCE(x.name, ''), COALESCE(x.description, ''),
                   COALESCE(x.target, ''), COALESCE(x.basis, ''), COALESCE(v.name, '')
            FROM rm_projects p
            LEFT JOIN rm_departments d ON d.division_code = p.division_code AND d.code = p.department_code
            LEFT JOIN rm_units u ON u.division_code = p.division_code AND u.code = p.unit_code
            LEFT JOIN rm_divisions v ON v.code = p.division_code
            LEFT JOIN rm_indicators x ON x.project_code = p.code
            WHERE p.division_code = @division AND p.year = @year AND p.status = 'approved'
            ORDER BY p.department_code, p.unit_code, p.code, x.position
            """);
        cmd.Parameters.AddWithValue("division", division);
        cmd.Parameters.AddWithValue("year", year);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<PublicTargetRow>();
        var divisionName = "";
        while (await reader.ReadAsync(ct))
        {
            divisionName = reader.GetString(16);
            rows.Add(new PublicTargetRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetString(9), reader.GetString(10),
                reader.GetString(11), reader.GetString(12), reader.GetString(13), reader.GetString(14), reader.GetString(15)));
        }
        return (divisionName, rows);
    }

    private static object?[] Values(PublicTargetRow r) =>
    [
        r.ProjectCode, r.ProjectName, r.DepartmentCode, r.DepartmentName, r.UnitCode, r.UnitName,
        Money.FenToYuan(r.TotalFen), Money.FenToYuan(r.FiscalFen), Money.FenToYuan(r.OtherFen), r.Purpose,
        r.Level1, r.Level2, r.Indicator, r.Description, r.Target, r.Basis,
    ];

    /// <summary>The rows with their descriptor: a datapackage-style resource whose schema names each field.</summary>
    public static string Json(string division, string divisionName, int year, IReadOnlyList<PublicTargetRow> rows) =>
        DataPackage.Json($"targets-{division}-{year}", $"{divisionName}{year}年预算项目绩效目标（已批复）".Trim(), division, divisionName, year,
            Published, rows.Select(Values));

    public static byte[] Csv(IReadOnlyList<PublicTargetRow> rows) => DataPackage.Csv(Published, rows.Select(Values));

    private static readonly PublishedField[] Published = Fields.Select(f => new PublishedField(f.Name, f.Type, f.Title)).ToArray();
}
