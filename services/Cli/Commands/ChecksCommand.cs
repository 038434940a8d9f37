using PerfPlatform.Protos.Indicators.V1;
using Spectre.Console;
using CatalogueClient = PerfPlatform.Protos.Indicators.V1.IndicatorCatalogue.IndicatorCatalogueClient;

namespace PerfPlatform.Cli.Commands;

/// <summary>perfctl checks: the platform's check catalogue (GET /v1/checks), every rule with its example and fix.</summary>
public static class ChecksCommand
{
    public static Command Create()
    {
        var rule = new Option<string?>("--rule") { Description = "只显示这一条规则，如 VAL-05" };
        var command = new Command("checks", "列出平台的全部检查规则：编号、级别、类别、说明、示例与修改建议") { rule };
        command.SetAction(parse => CliErrors.Run(async () =>
        {
            using var channel = Gateway.Connect(parse);
            var response = await new CatalogueClient(channel).ListChecksAsync(new ListChecksRequest());
            var only = parse.GetValue(rule)?.Trim().ToUpperInvariant();
            var rules = response.Rules.Where(r => only is null || r.Id == only).ToList();
            if (rules.Count == 0) throw new CliException($"检查目录中没有规则 {only}。");
            var table = new Table().Title($"检查规则（{rules.Count} 条）").AddColumns("规则", "级别", "类别", "名称", "说明", "示例", "修改建议", "检查环节");
            foreach (var r in rules)
                table.AddRow(r.Id, Label(r.Severity) + (r.SeverityNote.Length > 0 ? $"（{Markup.Escape(r.SeverityNote)}）" : ""), Markup.Escape(r.Category),
                    Markup.Escape(r.Title), Markup.Escape(r.Explanation), Markup.Escape(r.Example), Markup.Escape(r.Fix), Markup.Escape(r.WhereEnforced));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static string Label(Severity s) => s switch
    {
        Severity.Error => "错误",
        Severity.Warning => "警告",
        _ => "提示",
    };
}
