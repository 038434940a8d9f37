using PerfPlatform.IndicatorCatalogue.Evaluation;
using PerfPlatform.IndicatorCatalogue.Targets;
using Xunit;

namespace PerfPlatform.IndicatorCatalogue.Tests.Evaluation;

/// <summary>The worked examples of docs/domain.md, one per rule, each computed by hand in its comment.</summary>
public class EvaluationScorerTests
{
    private static readonly ScoringOptions Defaults = new();

    private static IndicatorOutcome Outcome(int index, string level1, string target, string reached,
        QualitativeGrade? grade = null, decimal? percent = null, decimal? weight = null) =>
        new(index, level1, TargetParser.Parse(target, 2021), reached, grade, percent, weight);

    /// <summary>One indicator in each level 1, so the one under test holds all of its level's points.</summary>
    private static EvaluationScore ScoreOutput(string target, string reached, QualitativeGrade? grade = null, decimal? percent = null) =>
        EvaluationScorer.Score(new EvaluationInput(2021, 100_00, 100_00,
        [
            Outcome(0, "产出指标", target, reached, grade, percent),
            Outcome(1, "效益指标", "较好", "较好", QualitativeGrade.Achieved),
            Outcome(2, "满意度指标", "≥90%", "95%"),
        ]), Defaults);

    private static ScoredIndicator Output(string target, string reached, QualitativeGrade? grade = null, decimal? percent = null) =>
        ScoreOutput(target, reached, grade, percent).Items[0];

    [Theory]
    [InlineData("≥1辆", "1辆", 50)]              // reached the floor: full
    [InlineData("≥90百分比", "81%", 45)]          // 50 × 81 ÷ 90
    [InlineData("不低于90%", "60%", 33.33)]       // 50 × 60 ÷ 90 = 33.333…
    [InlineData("47244人", "40000人", 42.33)]     // a bare count is a floor: 50 × 40000 ÷ 47244 = 42.334…
    [InlineData("47244人", "40000", 42.33)]       // the unit may be left out
    public void A_floor_earns_its_share_of_the_target(string target, string reached, decimal expected) =>
        Assert.Equal(expected, Output(target, reached).Score);

    [Theory]
    [InlineData("≤231.25元", "231.25元", 50)]     // at the ceiling: full
    [InlineData("≤231.25元", "250元", 46.25)]     // 50 × 231.25 ÷ 250
    [InlineData("≤10%", "12.5%", 40)]             // a failure rate: 50 × 10 ÷ 12.5
    [InlineData("50元", "60元", 41.67)]           // a bare amount of money is a ceiling: 50 × 50 ÷ 60 = 41.666…
    public void A_ceiling_earns_target_over_reached(string target, string reached, decimal expected) =>
        Assert.Equal(expected, Output(target, reached).Score);

    [Fact]
    public void Reaching_nothing_against_a_ceiling_earns_full_points()
    {
        var item = Output("≤231.25元", "0元");
        Assert.Equal(50m, item.Score);
        Assert.Contains(item.Findings, f => f.Code == ScoreFinding.TargetTooLow);
    }

    [Theory]
    [InlineData("900人次", 50)]   // inside 800–1000
    [InlineData("800人次", 50)]   // the bounds are inside
    [InlineData("600人次", 37.5)] // below: 50 × 600 ÷ 800
    [InlineData("1250人次", 40)]  // above: 50 × 1000 ÷ 1250
    public void A_range_is_full_inside_and_proportional_outside(string reached, decimal expected) =>
        Assert.Equal(expected, Output("800-1000人次", reached).Score);

    [Fact]
    public void A_deadline_is_a_ceiling_on_days_since_the_first_of_January()
    {
        // 2021年第二季度完成 = 2021-06-30, day 181; done 2021-07-31, day 212: 50 × 181 ÷ 212 = 42.688…
        Assert.Equal(42.69m, Output("2021年第二季度完成", "2021-07-31").Score);
        Assert.Equal(50m, Output("2021年第二季度完成", "2021-05-20").Score);
        Assert.Equal(50m, Output("2021年第二季度完成", "2021年6月30日").Score);
    }

    [Theory]
    [InlineData(QualitativeGrade.Achieved, null, 50)]
    [InlineData(QualitativeGrade.PartlyAchieved, 70, 35)]
    [InlineData(QualitativeGrade.PartlyAchieved, 60, 30)]
    [InlineData(QualitativeGrade.NotAchieved, 30, 15)]
    [InlineData(QualitativeGrade.NotAchieved, 0, 0)]
    public void A_qualitative_indicator_earns_its_grade(QualitativeGrade grade, int? percent, decimal expected) =>
        Assert.Equal(expected, Output("保障机关下乡、开会等工作正常开展", "已保障", grade, percent).Score);

    [Fact]
    public void A_qualitative_indicator_without_a_grade_earns_nothing_and_says_why()
    {
        var item = Output("较好", "较好");
        Assert.Equal(0m, item.Score);
        Assert.Contains(item.Findings, f => f.Code == ScoreFinding.GradeMissing && f.Index == 0);
    }

    [Theory]
    [InlineData("≥10年", "16年", true)]   // more than 1.5 × the floor
    [InlineData("≥10年", "15年", false)]  // exactly 1.5 × is not more
    [InlineData("≤10%", "4%", true)]      // less than half the ceiling
    [InlineData("≤10%", "5%", false)]
    public void Over_achievement_earns_full_points_and_says_the_target_was_set_too_low(string target, string reached, bool tooLow)
    {
        var item = Output(target, reached);
        Assert.Equal(50m, item.Score);
        Assert.Equal(tooLow, item.Findings.Any(f => f.Code == ScoreFinding.TargetTooLow));
    }

    [Fact]
    public void A_reached_value_in_another_unit_earns_nothing_and_says_so()
    {
        var item = Output("≥1辆", "1人");
        Assert.Equal(0m, item.Score);
        Assert.Contains(item.Findings, f => f.Code == ScoreFinding.ReachedUnreadable && f.Message.Contains("单位"));
    }

    [Theory]
    [InlineData("≥1辆", "", "尚未填写实际完成值")]
    [InlineData("≥1辆", "一辆左右", "不是数值")]
    [InlineData("2021年12月31日前", " ", "尚未填写实际完成日期")]
    [InlineData("2021年12月31日前", "尽快", "应为完成日期")]
    public void A_value_not_yet_filled_in_says_so_rather_than_that_it_is_unreadable(string target, string reached, string says)
    {
        var item = Output(target, reached);
        Assert.Equal(0m, item.Score);
        Assert.Contains(item.Findings, f => f.Code == ScoreFinding.ReachedUnreadable && f.Message.Contains(says));
    }

    [Fact]
    public void Points_split_equally_to_the_cent_and_add_up_to_the_level()
    {
        var shares = EvaluationScorer.SplitEqually([0, 1, 2], 50m).Select(s => s.Points).ToList();
        Assert.Equal([16.67m, 16.67m, 16.66m], shares);
        Assert.Equal(50m, shares.Sum());
    }

    [Fact]
    public void Weights_replace_the_equal_split_when_they_add_up_to_the_level()
    {
        var score = EvaluationScorer.Score(new EvaluationInput(2021, 100, 100,
        [
            Outcome(0, "产出指标", "≥10个", "5个", weight: 30),   // 30 × 5 ÷ 10 = 15
            Outcome(1, "产出指标", "≥10个", "10个", weight: 15),
            Outcome(2, "成本指标", "≤100元", "100元", weight: 5), // 2021 framework: 成本 shares 产出's 50
            Outcome(3, "效益指标", "较好", "", QualitativeGrade.Achieved),
            Outcome(4, "满意度指标", "≥90%", "90%"),
        ]), Defaults);
        Assert.Equal([30m, 15m, 5m, 30m, 10m], score.Items.Select(i => i.Points));
        Assert.Equal(15m, score.Items[0].Score);
        Assert.Equal(85m, score.Score);
        Assert.Empty(score.Findings);
    }

    [Fact]
    public void Weights_that_do_not_add_up_are_ignored_with_a_finding()
    {
        var score = EvaluationScorer.Score(new EvaluationInput(2021, 100, 100,
        [
            Outcome(0, "产出指标", "≥10个", "10个", weight: 30),
            Outcome(1, "产出指标", "≥10个", "10个", weight: 10),
            Outcome(2, "效益指标", "较好", "", QualitativeGrade.Achieved),
            Outcome(3, "满意度指标", "≥90%", "90%"),
        ]), Defaults);
        Assert.Equal([25m, 25m], score.Items.Take(2).Select(i => i.Points));
        Assert.Contains(score.Findings, f => f.Code == ScoreFinding.WeightsIgnored);
    }

    [Fact]
    public void A_missing_level1_leaves_its_points_out_of_the_total_with_a_finding()
    {
        var score = EvaluationScorer.Score(new EvaluationInput(2021, 100, 100,
        [
            Outcome(0, "产出指标", "≥1辆", "1辆"),
            Outcome(1, "效益指标", "较好", "", QualitativeGrade.PartlyAchieved, 60), // 30 × 0.6 = 18
        ]), Defaults);
        Assert.Equal(90m, score.OutOf);
        Assert.Equal(78m, score.Score); // 10 + 50 + 18
        Assert.Equal("良", score.Grade); // graded on the share of what it is out of: 78 of 90 is 86.67% (78 of 100 would be 中)
        var finding = Assert.Single(score.Findings);
        Assert.Equal(ScoreFinding.Level1Missing, finding.Code);
        Assert.Contains("满意度指标", finding.Message);
        Assert.Contains("90 分", finding.Message);
    }

    [Fact]
    public void Each_score_rounds_half_away_from_zero_at_the_half_cent()
    {
        // 4.5 points × 1 ÷ 4 = 1.125: 1.13 half away from zero (banker's rounding would give 1.12).
        var score = EvaluationScorer.Score(new EvaluationInput(2021, 100, 100,
        [
            Outcome(0, "产出指标", "≥4个", "1个", weight: 4.5m),
            Outcome(1, "产出指标", "≥4个", "4个", weight: 45.5m),
            Outcome(2, "效益指标", "较好", "", QualitativeGrade.Achieved),
            Outcome(3, "满意度指标", "≥90%", "90%"),
        ]), Defaults);
        Assert.Equal(1.13m, score.Items[0].Score);
        Assert.Equal(10m + 1.13m + 45.5m + 30m + 10m, score.Score); // the total is the sum of the rounded scores
    }

    [Theory]
    [InlineData(180_000_00, 180_000_00, 10)]
    [InlineData(180_000_00, 200_000_00, 10)] // over budget: min(…, 1)
    [InlineData(180_000_00, 90_000_00, 5)]
    [InlineData(300_000_00, 100_000_00, 3.33)] // 10 × 1 ÷ 3
    [InlineData(180_000_00, 0, 0)]
    [InlineData(180_000_00, -5_00, 0)]        // reversals beyond payments count as nothing spent
    public void Execution_is_ten_times_the_share_spent_up_to_the_budget(long budget, long spent, decimal expected) =>
        Assert.Equal(expected, EvaluationScorer.ExecutionScore(budget, spent, Defaults.ExecutionPoints));

    [Theory]
    [InlineData(90, "优")]
    [InlineData(89.99, "良")]
    [InlineData(80, "良")]
    [InlineData(79.99, "中")]
    [InlineData(60, "中")]
    [InlineData(59.99, "差")]
    public void Grades_follow_the_floors(decimal score, string grade) =>
        Assert.Equal(grade, EvaluationScorer.GradeOf(score, 100m, Defaults));

    [Fact]
    public void The_seed_car_project_with_every_target_met_scores_100()
    {
        var car = SeedIndicators.Document.Projects.Single(p => p.Code == "13063621GNTKS9WIPUKRG");
        var reached = new Dictionary<string, string> { ["≥1辆"] = "1辆", ["100百分比"] = "100%", ["2021年第二季度完成"] = "2021-05-20", ["≥10年"] = "10年", ["≥90百分比"] = "96%" };
        var outcomes = car.Indicators.Select((i, k) => reached.TryGetValue(i.Target, out var r)
            ? Outcome(k, i.Level1, i.Target, r)
            : Outcome(k, i.Level1, i.Target, "已达成", QualitativeGrade.Achieved)).ToList();
        var score = EvaluationScorer.Score(new EvaluationInput(2021, 180_000_00, 180_000_00, outcomes), Defaults);
        Assert.Equal(100.00m, score.Score);
        Assert.Equal(100m, score.OutOf);
        Assert.Equal("优", score.Grade);
        Assert.Equal(10m, score.ExecutionScore);
        Assert.Equal(6, score.Items.Count);
    }

    [Fact]
    public void An_indicator_outside_every_level_earns_nothing_with_a_finding()
    {
        var score = EvaluationScorer.Score(new EvaluationInput(2021, 100, 100,
        [
            Outcome(0, "产出指标", "≥1辆", "1辆"),
            Outcome(1, "效益指标", "较好", "", QualitativeGrade.Achieved),
            Outcome(2, "满意度指标", "≥90%", "90%"),
            Outcome(3, "其他指标", "≥1个", "1个"),
        ]), Defaults);
        Assert.Equal(0m, score.Items[3].Points);
        Assert.Equal(100m, score.Score);
        Assert.Contains(score.Findings, f => f.Code == ScoreFinding.Level1NotScored && f.Index == 3);
    }
}
