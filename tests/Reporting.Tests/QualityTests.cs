using Grpc.Core;
using PerfPlatform.Contracts;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Reporting.V1;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reporting.Tests;

/// <summary>The data-quality scorecard from IndicatorSetReplaced events: by department, unit and rule, the top rules, the trend.</summary>
public sealed class QualityTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    private static ProjectSnapshot Project(string code, string department, string unit, int year, string division = "130636") =>
        new(code, division, department, unit, year, "质量测试项目", "测试", ["1.完成支出"], 10_000, 10_000, 0, "draft", 1, 1, DateTimeOffset.UtcNow);

    private static IndicatorSetReplaced Set(string code, string unit, int year, params RuleFindings[] rules) =>
        new(code, code[..6], unit, year, 1, "2015", [new IndicatorSnapshot("产出指标", "数量指标", "指标", "描述", "≥1人", "依据", "numeric")],
            new FindingCounts(Count(rules, "error"), Count(rules, "warning"), Count(rules, "info")), Rules: rules);

    private static int Count(RuleFindings[] rules, string severity) => rules.Where(r => r.Severity == severity).Sum(r => r.Count);

    private const string A = "13063651QUALITYAAAAAA", B = "13063651QUALITYBBBBBB", C = "13063651QUALITYCCCCCC", D = "13063652QUALITYDDDDDD",
        Unfiled = "13063651QUALITYEEEEEE";

    private async Task PublishAsync()
    {
        await TestBus.PublishAsync(fixture.Stack.VirtualHost,
            new ProjectRegistered(A, 1, Project(A, "434", "434001", 2051)),
            new ProjectRegistered(B, 1, Project(B, "434", "434002", 2051)),
            new ProjectRegistered(C, 1, Project(C, "435", "435001", 2051)),
            new ProjectRegistered(D, 1, Project(D, "434", "434001", 2052)),
            new ProjectRegistered(Unfiled, 1, Project(Unfiled, "435", "435001", 2051)),
            Set(A, "434001", 2051, new RuleFindings("SEM-01", "warning", 2), new RuleFindings("VAL-01", "error", 1)),
            Set(B, "434002", 2051, new RuleFindings("SEM-01", "warning", 1)),
            Set(C, "435001", 2051),
            Set(D, "434001", 2052, new RuleFindings("VAL-01", "error", 1)));
        foreach (var code in new[] { A, B, C, D }) await fixture.WaitForLoggedAsync(code, 2);
    }

    [Fact]
    public async Task The_scorecard_counts_filed_projects_the_share_without_errors_and_findings_per_rule()
    {
        await PublishAsync();

        var byDepartment = await fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "department" });
        Assert.Equal([("130636/434", "顺平县人民政府办公室", 2, 1, 5000, 1, 3), ("130636/435", "顺平县教育局", 1, 1, 10000, 0, 0)],
            byDepartment.Rows.Select(r => (r.Key, r.Name, r.ProjectsFiled, r.ProjectsWithoutErrors, r.WithoutErrorsBp, r.Findings.Errors, r.Findings.Warnings)));
        Assert.Equal([("SEM-01", 3, 2), ("VAL-01", 1, 1)], byDepartment.Rows[0].Rules.Select(r => (r.RuleId, r.Findings, r.Projects)));
        Assert.Equal((3, 2, 6667), (byDepartment.Total.ProjectsFiled, byDepartment.Total.ProjectsWithoutErrors, byDepartment.Total.WithoutErrorsBp));
        Assert.Equal([("SEM-01", "数量指标的值是百分比", "warning"), ("VAL-01", "比率超过 100%", "error")],
            byDepartment.TopRules.Select(r => (r.RuleId, r.Title, r.Severity)));

        var byRule = await fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "rule" });
        Assert.Equal([("SEM-01", 2, 1, 0, 3), ("VAL-01", 1, 0, 1, 0)],
            byRule.Rows.Select(r => (r.Key, r.ProjectsFiled, r.ProjectsWithoutErrors, r.Findings.Errors, r.Findings.Warnings)));

        var byUnit = await fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "unit" });
        Assert.Equal(["130636/434001", "130636/434002", "130636/435001"], byUnit.Rows.Select(r => r.Key));

        Assert.Equal([(2051, 3, 2), (2052, 1, 0)],
            byDepartment.Trend.Where(t => t.Year is 2051 or 2052).Select(t => (t.Year, t.ProjectsFiled, t.ProjectsWithoutErrors)));
    }

    [Fact]
    public async Task A_unit_sees_only_its_own_projects_and_a_bad_grouping_is_refused_naming_the_field()
    {
        await PublishAsync();
        var unit = fixture.ReportingFor(fixture.Stack.DepartmentToken("130636", "434001"));
        var own = await unit.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "unit" });
        Assert.Equal([("130636/434001", 1)], own.Rows.Select(r => (r.Key, r.ProjectsFiled)));
        Assert.Equal(1, own.Total.ProjectsFiled);
        Assert.All(own.Trend.Where(t => t.Year is 2051 or 2052), t => Assert.Equal(1, t.ProjectsFiled));

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, GroupBy = "level1" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("group_by", error.Status.Detail);
        foreach (var (page, field) in new[] { (new PageRequest { PageSize = 1001 }, "page.page_size"), (new PageRequest { PageToken = "x" }, "page.page_token") })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Reporting.GetQualityAsync(new QualityRequest { Year = 2051, Page = page }).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains(field, refused.Status.Detail);
        }
    }

    [Fact]
    public async Task The_scorecard_equals_the_sums_of_random_filings_in_every_grouping_and_scope()
    {
        var random = new Random(20261207);
        // Two divisions, so that pages cross from one to the other.
        string[] divisions = ["130636", "130637"], units = ["434001", "434002", "434003", "435001", "435002"];
        string[] rules = ["SEM-01", "VAL-01", "IND-02", "TGT-01", "ZZZ-99"];
        string[] severities = ["error", "warning", "info"];
        var filed = new List<Filing>();
        var events = new List<object>();
        for (var i = 0; i < 80; i++)
        {
            var (year, division, unit) = (2061 + i % 2, divisions[random.Next(divisions.Length)], units[random.Next(units.Length)]);
            var code = $"{division}{year % 100}RANDQ{i:00000000}";
            events.Add(new ProjectRegistered(code, 1, Project(code, unit[..3], unit, year, division)));
            if (i % 9 == 0) continue; // registered, never filed: not in the scorecard
            // A rule may come under two severities in one set, and ties between them happen.
            var hits = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ => new RuleFindings(rules[random.Next(rules.Length)], severities[random.Next(severities.Length)], random.Next(1, 4)))
                .DistinctBy(r => (r.RuleId, r.Severity)).ToArray();
            events.Add(Set(code, unit, year, hits));
            filed.Add(new Filing(code, year, unit, hits));
        }
        await TestBus.PublishAsync(fixture.Stack.VirtualHost, events.ToArray());
        foreach (var f in filed) await fixture.WaitForLoggedAsync(f.Code, 2);

        foreach (var (reporting, visible) in new[]
                 {
                     (fixture.Reporting, filed),
                     (fixture.ReportingFor(fixture.Stack.DepartmentToken("130636", "434001")),
                         filed.Where(f => f.Code.StartsWith("130636") && f.Unit == "434001").ToList()),
                 })
            foreach (var groupBy in new[] { "department", "unit", "rule" })
            {
                var year = visible.Where(f => f.Year == 2061).ToList();
                var actual = await reporting.GetQualityAsync(new QualityRequest { Year = 2061, GroupBy = groupBy });
                Assert.Equal(Describe("total", year), Describe(actual.Total));
                Assert.Equal(RulesOf(year).Take(10).Select(Describe), actual.TopRules.Select(Describe));
                Assert.Equal(ExpectedRows(year, groupBy), actual.Rows.Select(Describe));
                Assert.Equal(visible.GroupBy(f => f.Year).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()} {g.Count(f => f.Errors == 0)}"),
                    actual.Trend.Where(t => t.Year is 2061 or 2062).Select(t => $"{t.Year} {t.ProjectsFiled} {t.ProjectsWithoutErrors}"));

                // The same rows three at a time (a page of departments crosses divisions), with the same total and top rules on
                // every page.
                var paged = new List<QualityRow>();
                var request = new QualityRequest { Year = 2061, GroupBy = groupBy, Page = new PageRequest { PageSize = 3 } };
                while (true)
                {
                    var page = await reporting.GetQualityAsync(request);
                    Assert.Equal(actual.Rows.Count, page.Page.TotalSize);
                    Assert.Equal(Describe(actual.Total), Describe(page.Total));
                    Assert.Equal(actual.TopRules.Select(Describe), page.TopRules.Select(Describe));
                    paged.AddRange(page.Rows);
                    if (page.Page.NextPageToken.Length == 0) break;
                    request.Page.PageToken = page.Page.NextPageToken;
                }
                Assert.Equal(actual.Rows.Select(Describe), paged.Select(Describe));
            }
    }

    private sealed record Filing(string Code, int Year, string Unit, RuleFindings[] Hits)
    {
        public int Errors => Hits.Where(h => h.Severity == "error").Sum(h => h.Count);
    }

    private static IEnumerable<string> ExpectedRows(List<Filing> year, string groupBy) => groupBy switch
    {
        "rule" => RulesOf(year).Select(rule =>
        {
            var with = year.Where(f => f.Hits.Any(h => h.RuleId == rule.RuleId)).ToList();
            var own = with.SelectMany(f => f.Hits).Where(h => h.RuleId == rule.RuleId).ToList();
            return Describe(rule.RuleId, with, own, [rule]);
        }),
        _ => year.GroupBy(f => f.Code[..6] + "/" + (groupBy == "unit" ? f.Unit : f.Unit[..3])).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Describe(g.Key, g.ToList())),
    };

    private static List<RuleQuality> RulesOf(List<Filing> filings) => filings
        .SelectMany(f => f.Hits.Select(h => (f.Code, Hit: h))).GroupBy(x => x.Hit.RuleId)
        .Select(g => new RuleQuality
        {
            RuleId = g.Key,
            Findings = g.Sum(x => x.Hit.Count),
            Projects = g.Select(x => x.Code).Distinct().Count(),
            Severity = g.GroupBy(x => x.Hit.Severity).OrderByDescending(s => s.Sum(x => x.Hit.Count))
                .ThenBy(s => Array.IndexOf(new[] { "error", "warning", "info" }, s.Key)).First().Key,
        })
        .OrderByDescending(r => r.Findings).ThenByDescending(r => r.Projects).ThenBy(r => r.RuleId, StringComparer.Ordinal).ToList();

    private static string Describe(string key, List<Filing> filings) =>
        Describe(key, filings, filings.SelectMany(f => f.Hits).ToList(), RulesOf(filings));

    private static string Describe(string key, List<Filing> filings, List<RuleFindings> hits, List<RuleQuality> rules)
    {
        int Sum(string severity) => hits.Where(h => h.Severity == severity).Sum(h => h.Count);
        var clean = filings.Count(f => f.Errors == 0);
        return $"{key} {filings.Count} {clean} {BasisPoints.Ratio(clean, filings.Count)} {Sum("error")}/{Sum("warning")}/{Sum("info")} " +
               $"[{string.Join(", ", rules.Select(Describe))}]";
    }

    private static string Describe(QualityRow r) =>
        $"{r.Key} {r.ProjectsFiled} {r.ProjectsWithoutErrors} {r.WithoutErrorsBp} {r.Findings.Errors}/{r.Findings.Warnings}/{r.Findings.Infos} " +
        $"[{string.Join(", ", r.Rules.Select(Describe))}]";

    private static string Describe(RuleQuality r) => $"{r.RuleId}:{r.Severity}:{r.Findings}:{r.Projects}";
}
