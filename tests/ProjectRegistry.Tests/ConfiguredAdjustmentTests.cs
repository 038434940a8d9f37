using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

/// <summary>A registry whose county set its own adjustments by grade: the suggestions follow the configuration.</summary>
public sealed class ConfiguredAdjustmentsFixture : RegistryFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ResultApplication__Grades__中__AdjustmentBp"] = "1500",
        ["ResultApplication__Grades__差__Action"] = "暂停安排",
        ["ResultApplication__Grades__差__AdjustmentBp"] = "5000",
        ["ResultApplication__Grades__良__Action"] = "维持",
    };
}

public sealed class ConfiguredAdjustmentTests(ConfiguredAdjustmentsFixture fixture) : IClassFixture<ConfiguredAdjustmentsFixture>
{
    [Fact]
    public async Task Each_grade_suggests_what_the_county_configured()
    {
        foreach (var (grade, score, bp, suggestion) in new[]
        {
            ("优", 90m, 0, "上年度绩效评价等级为优（90.00 分）：优先保障。"),
            ("良", 80m, 0, "上年度绩效评价等级为良（80.00 分）：维持。"),
            ("中", 60m, 1500, "上年度绩效评价等级为中（60.00 分）：压减，建议压减预算 15%。"),
            ("差", 59.99m, 5000, "上年度绩效评价等级为差（59.99 分）：暂停安排，建议压减预算 50%。"),
        })
        {
            var predecessor = await ResultSamples.EvaluatedPredecessorAsync(fixture, grade, score);
            Assert.Equal((grade, bp, suggestion), (predecessor.Grade, predecessor.SuggestedAdjustmentBp, predecessor.Suggestion));
        }
    }
}
