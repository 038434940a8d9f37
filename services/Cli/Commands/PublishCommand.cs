using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfPlatform.Protos.Reporting.V1;
using ReportingClient = PerfPlatform.Protos.Reporting.V1.Reporting.ReportingClient;

namespace PerfPlatform.Cli.Commands;

/// <summary>
/// perfctl publish --division D --year Y -o DIR: the files of 绩效信息公开 as the gateway publishes them (targets.json,
/// targets.csv, evaluations.json, evaluations.csv), a datapackage.json describing them, and index.html, a page a county
/// can post as it is.
/// </summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var division = ScopeOptions.Division();
        var year = ScopeOptions.Year();
        var output = new Option<DirectoryInfo>("-o", "--output") { Description = "输出目录（不存在时创建）", Required = true };
        var command = new Command("publish", "生成绩效信息公开文件：已批复项目的绩效目标（JSON、CSV、datapackage.json）和可直接发布的 HTML 页面")
            { division, year, output };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            using var channel = Gateway.Connect(parse);
            var client = new ReportingClient(channel);
            var request = new PublicDisclosureRequest { DivisionCode = parse.GetValue(division)!, Year = parse.GetValue(year) };
            var json = (await client.GetPublicTargetsJsonAsync(request)).Data.ToStringUtf8();
            var csv = (await client.GetPublicTargetsCsvAsync(request)).Data.ToByteArray();
            var evaluationsJson = (await client.GetPublicEvaluationsJsonAsync(request)).Data.ToStringUtf8();
            var evaluationsCsv = (await client.GetPublicEvaluationsCsvAsync(request)).Data.ToByteArray();
            var dir = parse.GetValue(output)!;
            dir.Create();
            var resource = JsonNode.Parse(json)!.AsObject();
            var evaluations = JsonNode.Parse(evaluationsJson)!.AsObject();
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "targets.json"), json);
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "targets.csv"), csv);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "evaluations.json"), evaluationsJson);
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "evaluations.csv"), evaluationsCsv);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "datapackage.json"), DataPackage(resource, evaluations));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "index.html"), Page(resource, evaluations));
            var rows = resource["data"]!.AsArray();
            var projects = rows.Select(r => r!["projectCode"]!.GetValue<string>()).Distinct().Count();
            var evaluated = evaluations["data"]!.AsArray().Select(r => r!["projectCode"]!.GetValue<string>()).Distinct().Count();
            Console.WriteLine($"已生成 {dir.FullName}：{projects} 个已批复项目、{rows.Count} 条指标，{evaluated} 个已审核的绩效自评" +
                              "（targets.json、targets.csv、evaluations.json、evaluations.csv、datapackage.json、index.html）");
            return 0;
        }));
        return command;
    }

    /// <summary>A Frictionless data package naming the CSV resource and its schema (the JSON resource carries the same schema).</summary>
    private static string DataPackage(JsonObject resource, JsonObject evaluations) => new JsonObject
    {
        ["name"] = resource["name"]!.GetValue<string>(),
        ["title"] = resource["title"]!.GetValue<string>(),
        ["resources"] = new JsonArray(CsvResource("targets", resource), CsvResource("evaluations", evaluations)),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static JsonObject CsvResource(string name, JsonObject resource) => new()
    {
        ["name"] = name,
        ["path"] = $"{name}.csv",
        ["format"] = "csv",
        ["encoding"] = "utf-8-sig",
        ["schema"] = resource["schema"]!.DeepClone(),
    };

    /// <summary>One table per project, in the form's columns, with every value HTML-encoded; then the accepted self-evaluations.</summary>
    private static string Page(JsonObject resource, JsonObject evaluations)
    {
        static string E(JsonNode? n) => WebUtility.HtmlEncode(n?.ToString() ?? "");
        var title = E(resource["title"]);
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #999;padding:4px 8px}th{background:#eee}</style>\n")
            .Append($"</head><body><h1>{title}</h1>\n");
        var projects = resource["data"]!.AsArray().GroupBy(r => r!["projectCode"]!.GetValue<string>());
        if (!projects.Any()) html.Append("<p>本年度尚无已批复的项目绩效目标。</p>\n");
        foreach (var project in projects)
        {
            var p = project.First()!;
            html.Append($"<h2>{E(p["projectName"])}（{E(p["projectCode"])}）</h2>\n")
                .Append($"<p>{E(p["departmentName"])} · {E(p["unitName"])}　预算数 {p["budgetYuan"]!.GetValue<decimal>():#,##0.00} 元" +
                        $"（财政资金 {p["fiscalYuan"]!.GetValue<decimal>():#,##0.00} 元，其他资金 {p["otherYuan"]!.GetValue<decimal>():#,##0.00} 元）</p>\n")
                .Append($"<p>资金用途：{E(p["purpose"])}</p>\n")
                .Append("<table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>绩效指标描述</th><th>指标值</th><th>指标值确定依据</th></tr>\n");
            foreach (var row in project.Where(r => r!["indicator"]!.GetValue<string>().Length > 0))
                html.Append($"<tr><td>{E(row!["level1"])}</td><td>{E(row["level2"])}</td><td>{E(row["indicator"])}</td><td>{E(row["description"])}</td>" +
                            $"<td>{E(row["target"])}</td><td>{E(row["basis"])}</td></tr>\n");
            html.Append("</table>\n");
        }
        Evaluations(html, evaluations);
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>One table per accepted self-evaluation: its score and grade, then each indicator's target, value reached and score.</summary>
    private static void Evaluations(StringBuilder html, JsonObject evaluations)
    {
        static string E(JsonNode? n) => WebUtility.HtmlEncode(n?.ToString() ?? "");
        html.Append($"<h1>{E(evaluations["title"])}</h1>\n");
        var projects = evaluations["data"]!.AsArray().GroupBy(r => r!["projectCode"]!.GetValue<string>()).ToList();
        if (projects.Count == 0) html.Append("<p>本年度尚无已审核的项目支出绩效自评结果。</p>\n");
        foreach (var project in projects)
        {
            var p = project.First()!;
            html.Append($"<h2>{E(p["projectName"])}（{E(p["projectCode"])}）</h2>\n")
                .Append($"<p>{E(p["departmentName"])} · {E(p["unitName"])}　全年预算数 {p["budgetYuan"]!.GetValue<decimal>():#,##0.00} 元，" +
                        $"全年执行数 {p["spentYuan"]!.GetValue<decimal>():#,##0.00} 元　自评得分 {p["score"]!.GetValue<decimal>():0.00}" +
                        $"（满分 {p["outOf"]!.GetValue<decimal>():0.00}），评价等级 {E(p["grade"])}</p>\n")
                .Append("<table><tr><th>一级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th></tr>\n");
            foreach (var row in project)
                html.Append($"<tr><td>{E(row!["level1"])}</td><td>{E(row["indicator"])}</td><td>{E(row["target"])}</td><td>{E(row["reached"])}</td>" +
                            $"<td>{row["points"]!.GetValue<decimal>():0.00}</td><td>{row["indicatorScore"]!.GetValue<decimal>():0.00}</td></tr>\n");
            html.Append("</table>\n");
        }
    }
}
