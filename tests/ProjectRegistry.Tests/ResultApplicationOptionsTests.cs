using PerfPlatform.ProjectRegistry.Results;
using Xunit;

namespace PerfPlatform.ProjectRegistry.Tests;

public sealed class ResultApplicationOptionsTests
{
    private static IReadOnlyList<string> Problems(Dictionary<string, GradeAdjustment> grades) =>
        [.. new ResultApplicationOptionsValidator().Validate(null, new ResultApplicationOptions { Grades = grades }).Failures ?? []];

    [Fact]
    public void A_table_with_an_action_and_a_cut_per_grade_passes() =>
        Assert.Empty(Problems(new() { ["优"] = new() { Action = "优先保障" }, ["差"] = new() { Action = "取消或暂停", AdjustmentBp = 10000 } }));

    [Fact]
    public void An_empty_table_is_refused() =>
        Assert.Contains("ResultApplication:Grades is empty", Assert.Single(Problems([])));

    [Fact]
    public void Every_bad_grade_is_named_with_its_key()
    {
        var problems = Problems(new()
        {
            ["良"] = new() { Action = " ", AdjustmentBp = 0 },
            ["中"] = new() { Action = "压减", AdjustmentBp = 10001 },
            ["差"] = new() { Action = "取消", AdjustmentBp = -1 },
        });
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("ResultApplication:Grades:良:Action", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ResultApplication:Grades:中:AdjustmentBp (10001)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ResultApplication:Grades:差:AdjustmentBp (-1)", StringComparison.Ordinal));
    }
}
