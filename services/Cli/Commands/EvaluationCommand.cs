using PerfPlatform.Contracts.Performance;
using PerfPlatform.Documents.Rendering;
using PerfPlatform.Protos.Reporting.V1;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Cli.Commands;

/// <summary>
/// perfctl evaluation export --division D --year Y -o FILE.xlsx: the year's submitted and accepted self-evaluations of a
/// division as a workbook, one row per project (scores as the platform computed them, two decimals), then the totals.
/// </summary>
public static class EvaluationCommand
{
    public static Command Create()
    {
        var division = ScopeOptions.Division();
        var year = ScopeOptions.Year();
        var output = new Option<FileInfo>("-o", "--output") { Description = "输出的 XLSX 文件", Required = true };
        var export = new Command("export", "导出项目支出绩效自评汇总表（XLSX）") { division, year, output };
        export.SetAction(parse => CliErrors.Run(async () =>
        {
            using var channel = Gateway.Connect(parse);
            var report = await new ReportingClient(channel).GetEvaluationReportAsync(new EvaluationReportRequest
            {
                Year = parse.GetValue(year), DivisionCode = parse.GetValue(division)!, GroupBy = "grade", IncludeProjects = true,
            });
            var file = parse.GetValue(output)!;
            await using (var stream = file.Create())
                XlsxRenderer.RenderSheet("绩效自评汇总", Rows(report, parse.GetValue(year)), stream);
            Console.WriteLine($"已导出 {file.FullName}：{report.Projects.Count} 个项目的绩效自评，平均得分 {(report.Total.AverageScore.Length > 0 ? report.Total.AverageScore : "—")}");
            return 0;
        }));
        return new Command("evaluation", "绩效自评") { export };
    }

    private static IEnumerable<object[]> Rows(EvaluationReportResponse report, int year)
    {
        yield return [$"{year}年度项目支出绩效自评汇总表"];
        yield return ["项目编码", "项目名称", "单位代码", "单位名称", "状态", "全年预算数（元）", "全年执行数（元）", "自评得分", "满分", "复核得分", "最终得分", "评价等级"];
        foreach (var p in report.Projects)
            yield return
            [
                p.ProjectCode, p.ProjectName, p.UnitCode, p.UnitName, PerformanceStatuses.Label(p.Status), Money.FenToYuan(p.BudgetFen),
                Money.FenToYuan(p.SpentFen), p.Score, p.OutOf, p.ReviewedScore, p.FinalScore, p.FinalGrade,
            ];
        yield return ["合计", $"{report.Total.Evaluated} 个项目（已审核 {report.Total.Accepted} 个）", "", "", "", "", "", "", "", "", report.Total.AverageScore, "平均"];
        foreach (var g in report.Total.Grades) yield return [$"评价等级 {g.Grade}", $"{g.Count} 个"];
    }
}
