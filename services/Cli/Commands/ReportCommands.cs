using PerfPlatform.Protos;
using Google.Protobuf;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Reporting.V1;
using Spectre.Console;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;
using ListWarningsRequest = PerfPlatform.Protos.Disbursement.V1.ListWarningsRequest;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Cli.Commands;

/// <summary>perfctl report summary, perfctl warnings, perfctl export: the finance bureau's view from the command line.</summary>
public static class ReportCommands
{
    public static Command Report()
    {
        var year = ScopeOptions.Year();
        var by = new Option<string>("--by") { Description = "分组：division、department、unit、fund_source、status、level1", DefaultValueFactory = _ => "unit" };
        var division = new Option<string?>("--division") { Description = "行政区划代码（省级汇总时不填）" };
        var order = new Option<string?>("--order") { Description = "排序：budget、spent、execution、projects、key，前加 - 为降序" };
        var json = new Option<bool>("--json") { Description = "输出 JSON" };
        var summary = new Command("summary", "按部门、单位等分组汇总预算、支出、执行率、预警与指标问题") { year, by, division, order, json };
        summary.SetAction(parse => CliErrors.Run(async () =>
        {
            using var channel = Gateway.Connect(parse);
            var client = new ReportingClient(channel);
            var request = new SummaryRequest
            {
                Year = parse.GetValue(year), GroupBy = parse.GetValue(by)!, DivisionCode = parse.GetValue(division) ?? "",
                OrderBy = parse.GetValue(order) ?? "", Page = new PageRequest(),
            };
            // Every page: a province's units run past one page.
            var response = await client.GetSummaryAsync(request);
            while (response.Page.NextPageToken.Length > 0)
            {
                request.Page.PageToken = response.Page.NextPageToken;
                var next = await client.GetSummaryAsync(request);
                response.Rows.AddRange(next.Rows);
                response.Page = next.Page;
            }
            if (parse.GetValue(json)) Console.WriteLine(JsonFormatter.Default.Format(response));
            else PrintSummary(response, parse.GetValue(year), parse.GetValue(by)!);
            return 0;
        }));
        return new Command("report", "汇总报表") { summary };
    }

    public static Command Warnings()
    {
        var year = ScopeOptions.Year();
        var division = new Option<string?>("--division") { Description = "行政区划代码" };
        var unit = new Option<string?>("--unit") { Description = "单位代码（与 --division 一起使用）" };
        var json = new Option<bool>("--json") { Description = "输出 JSON" };
        var command = new Command("warnings", "列出支出进度预警") { year, division, unit, json };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            using var channel = Gateway.Connect(parse);
            // Warnings are the disbursement service's: it raises them, and answers the list as they stand.
            var client = new DisbursementClient(channel);
            var warnings = await PagedLists.ReadAllWarningsAsync(client, new ListWarningsRequest
            {
                Year = parse.GetValue(year), DivisionCode = parse.GetValue(division) ?? "", UnitCode = parse.GetValue(unit) ?? "",
            });
            var response = new Protos.Disbursement.V1.ListWarningsResponse { Warnings = { warnings }, Page = new PageResponse { TotalSize = warnings.Count } };
            if (parse.GetValue(json)) { Console.WriteLine(JsonFormatter.Default.Format(response)); return 0; }
            var table = new Table().Title($"{parse.GetValue(year)} 年度支出进度预警（{response.Warnings.Count} 条）")
                .AddColumns("项目编码", "单位", "级别", "检查点", "落后（百分点）", "说明");
            foreach (var w in response.Warnings)
                table.AddRow(w.ProjectCode, w.UnitCode, LevelLabel(w.Level), $"{w.CheckpointMonth}月底",
                    (w.LagBp / 100m).ToString("0.00"), Markup.Escape(w.Message));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    public static Command Export()
    {
        var division = ScopeOptions.Division();
        var unit = new Option<string>("--unit") { Description = "单位代码", Required = true };
        var year = ScopeOptions.Year();
        var format = new Option<string>("--format") { Description = "text、html 或 xlsx", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "html", "xlsx");
        var output = new Option<string>("-o", "--output") { Description = "输出文件", Required = true };
        var command = new Command("export", "导出单位的绩效目标文档（原格式文本、HTML 或 XLSX）") { division, unit, year, format, output };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            using var channel = Gateway.Connect(parse);
            var body = await new ReportingClient(channel).GetTargetDocumentAsync(new TargetDocumentRequest
            {
                DivisionCode = parse.GetValue(division)!, UnitCode = parse.GetValue(unit)!, Year = parse.GetValue(year),
                Format = parse.GetValue(format)!,
            });
            await File.WriteAllBytesAsync(parse.GetValue(output)!, body.Data.ToByteArray());
            Console.WriteLine($"已导出 {parse.GetValue(output)}（{body.Data.Length} 字节，{body.ContentType}）");
            return 0;
        }));
        return command;
    }

    private static void PrintSummary(SummaryResponse response, int year, string by)
    {
        var table = new Table().Title($"{year} 年度预算绩效汇总（按{GroupLabel(by)}）")
            .AddColumns("分组", "名称", "项目数", "预算数（元）", "预算数（万元）", "已支出（元）", "执行率", "预警", "错误/警告/提示");
        if (by == "level1") table.AddColumn("指标数");
        foreach (var row in response.Rows.Append(response.Total)) table.AddRow(Cells(row, by == "level1"));
        AnsiConsole.Write(table);
    }

    private static string[] Cells(SummaryRow r, bool withIndicators)
    {
        var cells = new List<string>
        {
            Markup.Escape(r.Key), Markup.Escape(r.Name), r.ProjectCount.ToString(), Money.FormatYuanGrouped(r.Budget.TotalFen),
            Money.FormatWan(r.Budget.TotalFen), Money.FormatYuanGrouped(r.SpentFen), BasisPoints.FormatPercent(r.ExecutionBp), r.OpenWarnings.ToString(),
            $"{r.Findings.Errors}/{r.Findings.Warnings}/{r.Findings.Infos}",
        };
        if (withIndicators) cells.Add(r.IndicatorCount.ToString());
        return cells.ToArray();
    }

    private static string GroupLabel(string by) => by switch
    {
        "division" => "行政区划", "department" => "部门", "unit" => "单位", "fund_source" => "资金来源", "status" => "状态",
        "level1" => "一级指标", _ => by,
    };

    private static string LevelLabel(string level) => level switch { "red" => "红色", "yellow" => "黄色", _ => level };
}
