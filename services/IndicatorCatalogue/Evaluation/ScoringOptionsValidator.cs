using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// Checks the Evaluation:Scoring section at start: a score computed from a misconfigured table would be wrong to the
/// cent for every project without anyone noticing, so the service does not start with one.
/// </summary>
public sealed class ScoringOptionsValidator : SectionValidator<ScoringOptions>
{
    protected override IEnumerable<string> Problems(ScoringOptions o)
    {
        var section = ScoringOptions.Section;
        if (o.ExecutionPoints < 0) yield return $"{section}:ExecutionPoints ({o.ExecutionPoints}) must not be negative.";
        foreach (var (group, i) in o.EffectiveGroups.Select((g, i) => (g, i)))
            if (group.Points <= 0 || group.Level1.Count == 0 || group.Level1.Any(string.IsNullOrWhiteSpace))
                yield return $"{section}:Groups:{i} must name its level-1 indicators and give them points above 0.";
        var grades = o.EffectiveGrades;
        if (grades.Any(g => string.IsNullOrWhiteSpace(g.Grade)) || grades.Zip(grades.Skip(1)).Any(p => p.First.MinPercent <= p.Second.MinPercent)
            || grades[^1].MinPercent != 0 || grades[0].MinPercent > 100)
            yield return $"{section}:Grades must be named, best first, with floors falling strictly from at most 100 to 0.";
        if (o.NotAchievedMax is < 0 or > 100 || o.PartlyAchievedMin < 0 || o.PartlyAchievedMin > o.PartlyAchievedMax || o.PartlyAchievedMax > 100)
            yield return $"{section}:NotAchievedMax ({o.NotAchievedMax}) must be 0-100 and {section}:PartlyAchievedMin " +
                $"({o.PartlyAchievedMin}) at most {section}:PartlyAchievedMax ({o.PartlyAchievedMax}), at most 100.";
        if (o.TooLowAboveFloor < 1 || o.TooLowBelowCeiling is <= 0 or > 1)
            yield return $"{section}:TooLowAboveFloor ({o.TooLowAboveFloor}) must be at least 1 and {section}:TooLowBelowCeiling " +
                $"({o.TooLowBelowCeiling}) above 0, at most 1.";
    }
}
