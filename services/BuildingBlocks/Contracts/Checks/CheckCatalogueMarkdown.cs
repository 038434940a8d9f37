using System.Text;

namespace PerfPlatform.Contracts.Checks;

/// <summary>docs/check-catalogue.md, rendered from <see cref="CheckCatalogue"/>; a test keeps the file equal to it.</summary>
public static class CheckCatalogueMarkdown
{
    public static string Render()
    {
        var md = new StringBuilder();
        md.Append("# 检查规则目录（Check catalogue）\n\n");
        md.Append("由代码中的 `CheckCatalogue` 生成（`GET /v1/checks`、`perfctl checks` 给出同样的内容），请勿手工修改；")
          .Append("修改规则后运行 `PERF_UPDATE_DOCS=1 dotnet test tests/IndicatorCatalogue.Tests --filter CheckCatalogueDocTests` 重新生成。\n\n");
        md.Append("级别：错误（E）阻止提交；警告（W）审核人必须查看；提示（I）供参考。")
          .Append("「目录级别」是 LINT-RULES.md 给出的级别（「平台补充」为目录之外平台自己的规则），与平台级别不同时说明原因。\n\n");
        foreach (var stage in Enum.GetValues<CheckStage>())
        {
            var rules = CheckCatalogue.All.Where(r => r.Stage == stage).ToList();
            if (rules.Count == 0) continue;
            md.Append($"## {CheckRule.Label(stage)}\n\n");
            md.Append("| 规则 | 级别 | 目录级别 | 类别 | 名称 | 说明 | 示例 | 修改建议 | 检查环节 |\n");
            md.Append("|---|---|---|---|---|---|---|---|---|\n");
            foreach (var r in rules)
            {
                var severity = CheckRule.Label(r.Severity) + (r.SeverityNote.Length > 0 ? $"（{r.SeverityNote}）" : "");
                md.Append($"| {r.Id} | {Cell(severity)} | {(r.CatalogueSeverity.Length > 0 ? Cell(r.CatalogueSeverity) : "平台补充")} | {Cell(r.Category)} | {Cell(r.Title)} | {Cell(r.Explanation)} | ")
                  .Append($"{Cell(r.Example)} | {Cell(r.Fix)} | {Cell(r.EnforcedBy)} |\n");
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
