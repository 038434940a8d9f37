using PerfPlatform.Contracts.Checks;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.Reporting.Quality;

namespace PerfPlatform.Reporting;

/// <summary>GET /v1/reports/quality — the data-quality scorecard of the target checks, by department, unit or rule.</summary>
public sealed partial class ReportingService
{
    public static readonly string[] QualityGroupings = ["department", "unit", "rule"];
    private const int TopRules = 10;

    public override async Task<QualityResponse> GetQuality(QualityRequest request, ServerCallContext context)
    {
        var groupBy = request.GroupBy.Length == 0 ? "department" : request.GroupBy;
        new Violations()
            .Year(request.Year)
            .DivisionCode(request.DivisionCode, optional: true)
            .When(!QualityGroupings.Contains(groupBy), "group_by", $"分组方式应为 {string.Join("、", QualityGroupings)} 之一。")
            .ThrowIfAny();

        var (all, hits) = await new QualityQuery(dataSource).ReadAsync(request.DivisionCode, context.Caller(), context.CancellationToken);
        var projects = all.Where(p => p.Year == request.Year).ToList();
        var codes = projects.Select(p => p.Code).ToHashSet();
        var yearHits = hits.Where(h => codes.Contains(h.ProjectCode)).ToList();
        var response = new QualityResponse
        {
            Total = Row("total", "合计", projects, yearHits),
            TopRules = { Rules(yearHits).Take(TopRules) },
            Trend = { all.GroupBy(p => p.Year).OrderBy(g => g.Key).Select(g => Year(g.Key, g.ToList())) },
        };
        if (groupBy == "rule")
        {
            var byCode = projects.ToDictionary(p => p.Code);
            foreach (var rule in Rules(yearHits))
            {
                var own = yearHits.Where(h => h.RuleId == rule.RuleId).ToList();
                response.Rows.Add(Row(rule.RuleId, rule.Title, own.Select(h => byCode[h.ProjectCode]).DistinctBy(p => p.Code).ToList(), own, rule.Severity));
            }
        }
        else
        {
            var groups = projects.GroupBy(p => groupBy == "unit" ? $"{p.DivisionCode}/{p.UnitCode}" : $"{p.DivisionCode}/{p.DepartmentCode}")
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var names = await GroupNames(groupBy, groups.Select(g => g.Key).ToArray(), context.CancellationToken);
            foreach (var group in groups)
            {
                var members = group.Select(p => p.Code).ToHashSet();
                response.Rows.Add(Row(group.Key, names.GetValueOrDefault(group.Key, group.Key), group.ToList(), yearHits.Where(h => members.Contains(h.ProjectCode)).ToList()));
            }
        }
        return response;
    }

    /// <summary>A row's projects and findings; for a rule's row, the findings of that rule only.</summary>
    private static QualityRow Row(string key, string name, IReadOnlyList<FiledProject> projects, IReadOnlyList<RuleHit> hits, string? ruleSeverity = null)
    {
        var clean = projects.Count(p => p.Errors == 0);
        return new QualityRow
        {
            Key = key,
            Name = name,
            ProjectsFiled = projects.Count,
            ProjectsWithoutErrors = clean,
            WithoutErrorsBp = BasisPoints.Ratio(clean, projects.Count),
            Findings = ruleSeverity is null
                ? new FindingTotals { Errors = projects.Sum(p => p.Errors), Warnings = projects.Sum(p => p.Warnings), Infos = projects.Sum(p => p.Infos) }
                : new FindingTotals
                {
                    Errors = hits.Where(h => h.Severity == "error").Sum(h => h.Findings),
                    Warnings = hits.Where(h => h.Severity == "warning").Sum(h => h.Findings),
                    Infos = hits.Where(h => h.Severity == "info").Sum(h => h.Findings),
                },
            Rules = { Rules(hits) },
        };
    }

    /// <summary>Findings per rule, most first (then most projects, then id).</summary>
    private static IEnumerable<RuleQuality> Rules(IEnumerable<RuleHit> hits) => hits.GroupBy(h => h.RuleId)
        .Select(g => new RuleQuality
        {
            RuleId = g.Key,
            Title = CheckCatalogue.Contains(g.Key) ? CheckCatalogue.Get(g.Key).Title : g.Key,
            Severity = g.GroupBy(h => h.Severity).OrderByDescending(s => s.Sum(h => h.Findings)).First().Key,
            Findings = g.Sum(h => h.Findings),
            Projects = g.Select(h => h.ProjectCode).Distinct().Count(),
        })
        .OrderByDescending(r => r.Findings).ThenByDescending(r => r.Projects).ThenBy(r => r.RuleId, StringComparer.Ordinal);

    private static YearQuality Year(int year, IReadOnlyList<FiledProject> projects)
    {
        var clean = projects.Count(p => p.Errors == 0);
        return new YearQuality
        {
            Year = year,
            ProjectsFiled = projects.Count,
            ProjectsWithoutErrors = clean,
            WithoutErrorsBp = BasisPoints.Ratio(clean, projects.Count),
            Findings = new FindingTotals { Errors = projects.Sum(p => p.Errors), Warnings = projects.Sum(p => p.Warnings), Infos = projects.Sum(p => p.Infos) },
        };
    }
}
