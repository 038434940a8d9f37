using Microsoft.Extensions.Options;
using PerfPlatform.Protos.Registry.V1;
using Project = PerfPlatform.ProjectRegistry.Projects.Project;

namespace PerfPlatform.ProjectRegistry.Results;

/// <summary>
/// Finds a project's predecessor — the project its predecessor_code names, else the previous year's project of the same
/// unit with the same name — and what it left for this year's review, from what the registry learnt by events.
/// </summary>
public sealed class Predecessors(RegistryDb db, IOptions<ResultApplicationOptions> options)
{
    public const string Field = "project.predecessor_code";

    /// <summary>The predecessor as the caller may see it; null when there is none or the caller may not read it.</summary>
    public async Task<Predecessor?> DescribeAsync(Project project, Caller caller, CancellationToken ct)
    {
        var (predecessor, matchedBy) = await MatchAsync(project, ct);
        if (predecessor is null || !caller.CanActFor(predecessor.DivisionCode, predecessor.UnitCode)) return null;

        var code = predecessor.Code;
        var evaluation = await db.KnownSelfEvaluations.AsNoTracking().FirstOrDefaultAsync(e => e.ProjectCode == code, ct);
        var rectifications = await db.KnownMonitoringForms.CountAsync(f => f.ProjectCode == code && f.NeedsRectification && !f.Rectified, ct);
        var warnings = await db.KnownWarnings.CountAsync(w => w.ProjectCode == code && w.Level != "", ct);
        var suggestion = ResultSuggestion.Of(evaluation, options.Value);
        return new Predecessor
        {
            Code = code,
            Year = predecessor.Year,
            Name = predecessor.Name,
            MatchedBy = matchedBy,
            EvaluationStatus = suggestion.EvaluationStatus,
            Score = suggestion.Score,
            OutOf = suggestion.OutOf,
            Grade = suggestion.Grade,
            OpenRectifications = rectifications,
            OpenWarnings = warnings,
            SuggestedAdjustmentBp = suggestion.AdjustmentBp,
            Suggestion = suggestion.Text,
        };
    }

    private async Task<(Project? Project, string MatchedBy)> MatchAsync(Project project, CancellationToken ct)
    {
        var projects = db.Projects.AsNoTracking();
        if (project.PredecessorCode is { } code)
            return (await projects.FirstOrDefaultAsync(p => p.Code == code, ct), "code");
        var sameName = await projects
            .Where(p => p.DivisionCode == project.DivisionCode && p.UnitCode == project.UnitCode && p.Year == project.Year - 1
                && p.Name == project.Name)
            .OrderBy(p => p.Code)
            .FirstOrDefaultAsync(ct);
        return (sameName, "name");
    }

    /// <summary>The form of a predecessor code, checked with the request's other fields.</summary>
    public static Violations CheckFormat(Violations v, string code, string divisionCode)
    {
        if (!Codes.IsProject(code))
            return v.Add(Field, $"上年度项目编码{Quote.Of(code)}格式不正确：应为 21 位，行政区划代码 6 位 + 年度 2 位 + 13 位大写字母或数字。");
        return v.When(Codes.IsDivision(divisionCode) && Codes.DivisionOfProject(code) != divisionCode, Field,
            $"上年度项目应属于同一行政区划 {divisionCode}。");
    }

    /// <summary>A named predecessor must exist, be readable by the caller, and be of an earlier year than the project.</summary>
    public async Task CheckAsync(string code, int year, Caller caller, CancellationToken ct)
    {
        var predecessor = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);
        if (predecessor is null || !caller.CanActFor(predecessor.DivisionCode, predecessor.UnitCode))
            throw new ValidationFailedException([new FieldViolation(Field, $"上年度项目 {code} 不存在。")]);
        if (predecessor.Year >= year)
            throw new ValidationFailedException([new FieldViolation(Field,
                $"上年度项目 {code} 属于 {predecessor.Year} 年度，应早于本项目的 {year} 年度。")]);
    }
}
