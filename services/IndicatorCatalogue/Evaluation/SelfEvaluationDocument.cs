using System.Net;
using System.Text;
using Google.Api;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Documents.Model;
using PerfPlatform.Documents.Rendering;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// 项目支出绩效自评表 as departments know it: the money (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分), each
/// indicator (年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施), the total and the grade; once reviewed, the
/// finance bureau's scores beside the department's.
/// </summary>
public static class SelfEvaluationDocument
{
    public const string Title = "项目支出绩效自评表";

    public static IEnumerable<object[]> Rows(SelfEvaluationForm f)
    {
        var reviewed = f.ReviewedScore.Length > 0;
        yield return [Title];
        yield return [$"（{f.Year}年度）", "", "", "", "", "", "单位：元"];
        yield return ["项目名称", f.ProjectName, "项目编码", f.ProjectCode];
        yield return ["实施单位", f.UnitCode, "自评状态", PerformanceStatuses.Label(f.Status)];
        yield return ["项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
        yield return ["年度资金总额", Yuan(f.InitialBudgetFen), Yuan(f.BudgetFen), Yuan(f.SpentFen), f.ExecutionPoints, BasisPoints.FormatPercent(f.ExecutionBp), f.ExecutionScore];
        yield return ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", .. reviewed ? new[] { "复核得分" } : []];
        foreach (var i in f.Items)
            yield return ["", i.Level1, i.Level2, i.Name, i.Target, Reached(i), i.Points, i.Score, Deviation(i), .. reviewed ? new[] { i.ReviewedScore.Length > 0 ? i.ReviewedScore : i.Score } : []];
        yield return ["总分", "", "", "", "", "", f.OutOf, f.Score, $"自评等级：{f.Grade}", .. reviewed ? new[] { f.ReviewedScore } : []];
        if (reviewed) yield return ["复核", $"复核得分 {f.ReviewedScore}，复核等级 {f.ReviewedGrade}", "复核意见", f.ReviewComment];
        foreach (var finding in f.Findings) yield return ["说明", finding.Message];
    }

    private static Amount Yuan(long fen) => new(Money.FormatYuan(fen), fen);

    private static string Reached(EvaluationItem i) =>
        i.Grade.Length == 0 ? i.Reached : $"{(i.Reached.Length > 0 ? i.Reached + "；" : "")}{i.Grade}{(i.GradePercent.Length > 0 ? $"（{i.GradePercent}%）" : "")}";

    private static string Deviation(EvaluationItem i) =>
        string.Join("\n", new[] { i.Cause.Length > 0 ? "原因：" + i.Cause : "", i.Measure.Length > 0 ? "措施：" + i.Measure : "" }.Where(s => s.Length > 0));

    public static string Text(SelfEvaluationForm f)
    {
        var b = new StringBuilder();
        foreach (var row in Rows(f)) b.Append(string.Join('\t', row.Select(FormRows.Text).Select(c => c.Replace("\n", " ")))).Append('\n');
        return b.ToString();
    }

    public static string Html(SelfEvaluationForm f)
    {
        static string E(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br/>");
        var b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
            .Append(E($"{f.ProjectName}{Title}")).Append("</title>\n<style>")
            .Append("body{font-family:\"SimSun\",\"Noto Serif CJK SC\",serif;margin:2em}h1{font-size:18pt;text-align:center}")
            .Append("table{border-collapse:collapse;width:100%}td{border:1px solid #000;padding:4px 6px;font-size:10.5pt}")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(E(Title)).Append("</h1>\n<table>\n");
        foreach (var row in Rows(f).Skip(1))
            b.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{E(FormRows.Text(c))}</td>"))).Append("</tr>\n");
        return b.Append("</table>\n</body>\n</html>\n").ToString();
    }
}

public sealed partial class SelfEvaluationService
{
    public override async Task<HttpBody> GetSelfEvaluationDocument(SelfEvaluationDocumentRequest request, ServerCallContext context)
    {
        var format = HttpBodies.DocumentFormat(request.Format);
        new Violations()
            .ProjectCode(request.ProjectCode)
            .When(!HttpBodies.DocumentFormats.Contains(format), "format", HttpBodies.DocumentFormatMessage)
            .ThrowIfAny();
        var state = await LoadAsync(request.ProjectCode, context.Caller(), tracked: false, context.CancellationToken);
        var form = SelfEvaluationForms.ToForm(state, state.Score(Options), Options);
        return HttpBodies.Document(format, () => SelfEvaluationDocument.Text(form), () => SelfEvaluationDocument.Html(form),
            stream => XlsxRenderer.RenderSheet(SelfEvaluationDocument.Title, SelfEvaluationDocument.Rows(form), stream));
    }
}
