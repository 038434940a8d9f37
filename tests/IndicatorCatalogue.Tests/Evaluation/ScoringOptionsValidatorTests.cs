using PerfPlatform.IndicatorCatalogue.Evaluation;
using PerfPlatform.IndicatorCatalogue.Monitoring;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Evaluation;

/// <summary>The scoring table and the monitoring threshold are refused at start when they cannot be right.</summary>
public sealed class ScoringOptionsValidatorTests
{
    private static IEnumerable<string> Problems(ScoringOptions options) => new ScoringOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_national_defaults_and_a_local_table_pass()
    {
        Assert.Empty(Problems(new ScoringOptions()));
        Assert.Empty(Problems(new ScoringOptions
        {
            ExecutionPoints = 20m,
            Groups = { new() { Level1 = ["产出指标"], Points = 40m }, new() { Level1 = ["效益指标", "满意度指标"], Points = 40m } },
            Grades = { new() { Grade = "合格", MinPercent = 60m }, new() { Grade = "不合格", MinPercent = 0m } },
        }));
    }

    [Theory]
    [InlineData("ExecutionPoints")]
    [InlineData("Groups:0")]
    [InlineData("Grades")]
    [InlineData("PartlyAchievedMin")]
    [InlineData("TooLowBelowCeiling")]
    public void A_table_that_cannot_score_is_named(string key)
    {
        var options = new ScoringOptions();
        switch (key)
        {
            case "ExecutionPoints": options.ExecutionPoints = -1m; break;
            case "Groups:0": options.Groups.Add(new ScoringOptions.PointGroup { Level1 = [], Points = 50m }); break;
            case "Grades":
                options.Grades.Add(new ScoringOptions.GradeFloor { Grade = "优", MinPercent = 80m });
                options.Grades.Add(new ScoringOptions.GradeFloor { Grade = "良", MinPercent = 90m });
                break;
            case "PartlyAchievedMin": options.PartlyAchievedMin = 85m; break;
            case "TooLowBelowCeiling": options.TooLowBelowCeiling = 0m; break;
        }
        Assert.Contains(Problems(options), p => p.Contains($"Evaluation:Scoring:{key} "));
    }
}
