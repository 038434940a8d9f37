using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.ProjectRegistry.Results;

/// <summary>
/// What last year's evaluation grade suggests for this year's budget (DOMAIN.md, 结果应用). The defaults (优 优先保障, 良
/// 合理安排, 中 压减 10%, 差 取消或暂停 100%) are in appsettings.json, not here: a county sets its own.
/// </summary>
public sealed class ResultApplicationOptions
{
    public const string Section = "ResultApplication";

    /// <summary>By grade (优, 良, 中, 差): the action in words and the suggested cut in basis points.</summary>
    public Dictionary<string, GradeAdjustment> Grades { get; set; } = [];
}

public sealed class GradeAdjustment
{
    public string Action { get; set; } = "";
    /// <summary>The suggested cut of the budget, 0–10000 basis points (1000 = 10%).</summary>
    public int AdjustmentBp { get; set; }
}

public sealed class ResultApplicationOptionsValidator : SectionValidator<ResultApplicationOptions>
{
    protected override IEnumerable<string> Problems(ResultApplicationOptions options)
    {
        var section = ResultApplicationOptions.Section;
        if (options.Grades.Count == 0) yield return $"{section}:Grades is empty; give each grade (优, 良, 中, 差) an Action and an AdjustmentBp.";
        foreach (var (grade, adjustment) in options.Grades)
        {
            if (string.IsNullOrWhiteSpace(adjustment.Action)) yield return $"{section}:Grades:{grade}:Action is empty.";
            if (adjustment.AdjustmentBp is < 0 or > 10000)
                yield return $"{section}:Grades:{grade}:AdjustmentBp ({adjustment.AdjustmentBp}) must be basis points 0-10000.";
        }
    }
}
