using PerfPlatform.Protos;
using PerfPlatform.Documents.Rendering;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Indicators.V1;
using MonitoringClient = PerfPlatform.Protos.Indicators.V1.Monitoring.MonitoringClient;

namespace PerfPlatform.Cli.Commands;

/// <summary>
/// perfctl monitoring export --round ID -o FILE.xlsx: a monitoring round's forms (双监控) as a workbook — each project in
/// scope with its form's state, its money as of the round's date and why it needs rectification.
/// </summary>
public static class MonitoringCommand
{
    public const string FormsSheet = "监控表";

    public static Command Create()
    {
        var round = new Option<string>("--round") { Description = "监控轮次编号（POST /v1/monitoring/rounds 返回的 id）", Required = true };
        var unit = new Option<string?>("--unit") { Description = "只导出该单位的项目" };
        var output = new Option<string>("-o", "--output") { Description = "输出文件（.xlsx）", Required = true };
        var export = new Command("export", "导出监控轮次的全部监控表（XLSX）") { round, unit, output };
        export.SetAction(parse => CliErrors.Run(async () =>
        {
            using var channel = Gateway.Connect(parse);
            var client = new MonitoringClient(channel);
            MonitoringRound? asked = null;
            var forms = await PagedLists.ReadAllAsync(async token =>
                {
                    var page = await client.ListRoundFormsAsync(new ListMonitoringFormsRequest
                    {
                        RoundId = parse.GetValue(round)!, UnitCode = parse.GetValue(unit) ?? "", Page = new PageRequest { PageSize = 200, PageToken = token },
                    });
                    asked = page.Round;
                    return page;
                },
                page => page.Forms, page => page.Page);
            var r = asked!; // every page carries its round
            await using (var file = File.Create(parse.GetValue(output)!))
                XlsxRenderer.RenderSheets([(FormsSheet, Rows(r, forms))], file);
            Console.WriteLine($"已导出 {parse.GetValue(output)}：{r.DivisionCode} {r.Year} 年截至 {r.AsOf} 的 {forms.Count} 张监控表，" +
                              $"{forms.Count(f => f.NeedsRectification)} 张需整改");
            return 0;
        }));
        return new Command("monitoring", "运行监控（双监控）") { export };
    }

    public static IEnumerable<object[]> Rows(MonitoringRound round, IReadOnlyList<MonitoringFormSummary> forms)
    {
        yield return [$"{round.DivisionCode} {round.Year} 年绩效运行监控（截至 {round.AsOf}，报送截止 {round.Deadline}）"];
        yield return ["项目编码", "单位", "状态", "预算数（元）", "已支出（元）", "执行率", "计划进度", "落后（百分点）", "需整改", "整改原因", "已整改"];
        foreach (var f in forms)
            yield return
            [
                f.ProjectCode, f.UnitCode, f.StatusLabel, Money.FenToYuan(f.BudgetFen), Money.FenToYuan(f.SpentFen),
                BasisPoints.FormatPercent(f.ExecutionBp), BasisPoints.FormatPercent(f.PlannedBp), (f.LagBp / 100m).ToString("0.00"),
                f.NeedsRectification ? "是" : "否", string.Join("；", f.Reasons.Select(x => $"{x.RuleId} {x.Message}")), f.Rectified ? "是" : "否",
            ];
    }
}
