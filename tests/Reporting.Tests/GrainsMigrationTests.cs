using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

/// <summary>
/// 0011_summary_grains.sql adds the department and division rows to aggregates already kept per unit, by summing the unit
/// rows: what it leaves must equal a rebuild from the projects.
/// </summary>
public sealed class GrainsMigrationTests
{
    [Fact]
    public async Task The_rolled_up_rows_equal_a_rebuild()
    {
        await using var db = await ScratchDatabase.AtLevelAsync(ScratchDatabase.ServiceAssembly("Reporting"),
            "reporting/0010_summary_apply_plpgsql.sql");
        await db.ExecuteAsync("""
            INSERT INTO rm_divisions VALUES ('130636', '甲县');
            INSERT INTO rm_departments VALUES ('130636', '434', '教育局'), ('130636', '435', '卫生局');
            INSERT INTO rm_units VALUES ('130636', '434001', '434', '一中'), ('130636', '434002', '434', '二中'),
                                        ('130636', '435001', '435', '医院');
            INSERT INTO rm_projects (code, division_code, department_code, unit_code, year, name, purpose, goals, total_fen, fiscal_fen,
                                     other_fen, status)
            SELECT '130636' || (2021 % 100) || 'GRAIN' || lpad(n::text, 9, '0'), '130636', u.department, u.unit, 2021 + n % 2, '项目', '',
                   '[]', 100 * n + 7, (100 * n + 7) * (n % 3) / 2, (100 * n + 7) - (100 * n + 7) * (n % 3) / 2,
                   (ARRAY['draft', 'submitted', 'approved', 'returned'])[1 + n % 4]
            FROM generate_series(1, 30) n
            CROSS JOIN LATERAL (SELECT (ARRAY['434', '434', '435'])[1 + n % 3] AS department,
                                       (ARRAY['434001', '434002', '435001'])[1 + n % 3] AS unit) u;
            INSERT INTO rm_indicators (project_code, position, level1, level2, name, description, target, basis, target_kind, errors, warnings, infos)
            SELECT code, i, (ARRAY['产出指标', '效益指标', '满意度指标'])[1 + (i + length(code)) % 3], '数量指标', '指标', '', '≥1人', '', 'numeric',
                   i % 2, i % 3, 1
            FROM rm_projects, generate_series(0, (right(code, 1))::int % 4) i;
            INSERT INTO rm_indicator_sets (project_code, errors, warnings, infos, indicators)
            SELECT code, right(code, 1)::int % 2, 1, 0, 1 + right(code, 1)::int % 4 FROM rm_projects;
            INSERT INTO rm_spending (project_code, spent_fiscal_fen, spent_other_fen)
            SELECT code, total_fen / 3, right(code, 1)::int FROM rm_projects WHERE right(code, 1)::int % 2 = 0;
            INSERT INTO rm_warnings (project_code, level, message, lag_bp, raised_at)
            SELECT code, 'red', '落后', 2500, now() FROM rm_projects WHERE right(code, 1)::int % 5 = 0;
            SELECT rm_summary_apply(code, 1) FROM rm_projects;
            """);

        await db.MigrateAsync();

        const string summary = "SELECT * FROM rm_summary ORDER BY level, year, division_code, department_code, unit_code, status";
        const string byLevel1 = "SELECT * FROM rm_summary_level1 ORDER BY level, year, division_code, department_code, unit_code, status, level1";
        var (migrated, migratedByLevel1) = (await db.RowsAsync(summary), await db.RowsAsync(byLevel1));
        Assert.Equal([[0, 12L], [1, 8L], [2, 4L]], await db.RowsAsync("SELECT level::int, count(*) FROM rm_summary GROUP BY 1 ORDER BY 1"));
        await db.ExecuteAsync("SELECT rm_summary_rebuild()");
        Assert.Equal(await db.RowsAsync(summary), migrated);
        Assert.Equal(await db.RowsAsync(byLevel1), migratedByLevel1);
    }
}
