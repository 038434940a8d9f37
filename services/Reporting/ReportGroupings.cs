namespace PerfPlatform.Reporting;

public static class ReportGroupings
{
    /// <summary>A report's group_by, refused naming the field unless it is one of the report's <paramref name="groupings"/>.</summary>
    public static Violations GroupBy(this Violations violations, string groupBy, IReadOnlyCollection<string> groupings) =>
        violations.When(!groupings.Contains(groupBy), "group_by", $"分组方式应为 {string.Join("、", groupings)} 之一。");
}
