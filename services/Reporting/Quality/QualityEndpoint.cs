using System.Globalization;
using PerfPlatform.Contracts.Checks;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Reporting.Quality;

namespace PerfPlatform.Reporting;

/// <summary>GET /v1/reports/quality — the data-quality scorecard of the target checks, by department, unit or rule.</summary>
public sealed partial class ReportingService
{
    public static readonly string[] QualityGroupings = ["department", "unit", "rule"];
    private const int TopRules = 10;
    private const int MaxQualityPage = 1000;

    public override async Task<QualityResponse> GetQuality(QualityRequest request, ServerCallContext context)
    {
        var groupBy = request.GroupBy.Length == 0 ? "department" : request.GroupBy;
        new Violations()
            .Year(request.Year)
            .DivisionCode(request.DivisionCode, optional: true)
            .GroupBy(groupBy, QualityGroupings)
            .Page(request.Page, MaxQualityPage, MaxQualityPage, PageTokens.IsOffset, out var page)
            .ThrowIfAny();

        var ct = context.CancellationToken;
        var paged = request.Page is not null;
        var figures = await new QualityQuery(dataSource).ReadAsync(request.Year, groupBy, request.DivisionCode, context.Caller(),
            paged ? page : null, ct);
        var rulesOf = figures.Rules.ToLookup(r => r.Group);
        var yearRules = Rules(rulesOf[""]).ToList();
        var year = figures.Years.FirstOrDefault(y => y.Key == request.Year.ToString(CultureInfo.InvariantCulture)) ?? new FiledFigures("", 0, 0, 0, 0, 0);
        var response = new QualityResponse
        {
            Total = Row("total", "合计", year, yearRules),
            TopRules = { yearRules.Take(TopRules) },
            Trend = { figures.Years.Select(Year) },
        };
        if (groupBy == "rule")
        {
            var byRule = rulesOf[""].ToDictionary(r => r.RuleId);
            foreach (var rule in paged ? yearRules.Skip(page.Offset).Take(page.Size) : yearRules)
            {
                var f = byRule[rule.RuleId];
                var findings = new FiledFigures(rule.RuleId, f.Projects, f.ProjectsWithoutErrors, f.BySeverity.GetValueOrDefault("error"),
                    f.BySeverity.GetValueOrDefault("warning"), f.BySeverity.GetValueOrDefault("info"));
                response.Rows.Add(Row(rule.RuleId, rule.Title, findings, [rule]));
            }
        }
        else
        {
            var names = await GroupNames(groupBy, figures.Groups.Select(g => g.Key).ToArray(), ct);
            foreach (var group in figures.Groups)
                response.Rows.Add(Row(group.Key, names.GetValueOrDefault(group.Key, group.Key), group, Rules(rulesOf[group.Key])));
        }
        if (paged) response.Page = page.OffsetAnswer(groupBy == "rule" ? yearRules.Count : figures.GroupCount);
        return response;
    }

    /// <summary>A row: its filed projects, those without errors, the findings by severity (for a rule's row, of that rule only), its rules.</summary>
    private static QualityRow Row(string key, string name, FiledFigures figures, IEnumerable<RuleQuality> rules) => new()
    {
        Key = key,
        Name = name,
        ProjectsFiled = figures.Projects,
        ProjectsWithoutErrors = figures.WithoutErrors,
        WithoutErrorsBp = BasisPoints.Ratio(figures.WithoutErrors, figures.Projects),
        Findings = new FindingTotals { Errors = figures.Errors, Warnings = figures.Warnings, Infos = figures.Infos },
        Rules = { rules },
    };

    private static readonly string[] SeverityOrder = ["error", "warning", "info"];

    /// <summary>Findings per rule, most first (then most projects, then id); its severity the one it was most reported with.</summary>
    private static IEnumerable<RuleQuality> Rules(IEnumerable<RuleFigures> rules) => rules
        .Select(r => new RuleQuality
        {
            RuleId = r.RuleId,
            Title = CheckCatalogue.Contains(r.RuleId) ? CheckCatalogue.Get(r.RuleId).Title : r.RuleId,
            Severity = r.BySeverity.OrderByDescending(s => s.Value).ThenBy(s => Array.IndexOf(SeverityOrder, s.Key)).Select(s => s.Key).FirstOrDefault(""),
            Findings = r.Findings,
            Projects = r.Projects,
        })
        .OrderByDescending(r => r.Findings).ThenByDescending(r => r.Projects).ThenBy(r => r.RuleId, StringComparer.Ordinal);

    private static YearQuality Year(FiledFigures year) => new()
    {
        Year = int.Parse(year.Key, CultureInfo.InvariantCulture),
        ProjectsFiled = year.Projects,
        ProjectsWithoutErrors = year.WithoutErrors,
        WithoutErrorsBp = BasisPoints.Ratio(year.WithoutErrors, year.Projects),
        Findings = new FindingTotals { Errors = year.Errors, Warnings = year.Warnings, Infos = year.Infos },
    };
}
