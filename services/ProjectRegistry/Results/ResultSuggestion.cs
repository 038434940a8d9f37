using System.Globalization;
using PerfPlatform.Contracts.Performance;

namespace PerfPlatform.ProjectRegistry.Results;

/// <summary>What last year's evaluation means for this year's budget review, in figures and in words.</summary>
public sealed record ResultSuggestion(string EvaluationStatus, string Score, string OutOf, string Grade, int AdjustmentBp, string Text)
{
    /// <summary>
    /// Only an evaluation the finance bureau accepted has a final grade, and only a final grade suggests an adjustment. A
    /// submitted one not yet reviewed shows its self-score in the text, marked as awaiting review, with no grade and no
    /// adjustment; a draft counts as none.
    /// </summary>
    public static ResultSuggestion Of(KnownSelfEvaluation? evaluation, ResultApplicationOptions options)
    {
        switch (evaluation?.Status)
        {
            case null:
                return None("", "上年度项目尚无绩效自评结果，暂无按等级的调整建议。");
            case PerformanceStatuses.Draft:
                return None(evaluation.Status, "上年度项目的绩效自评尚未报送，暂无按等级的调整建议。");
            case PerformanceStatuses.Submitted:
                return None(evaluation.Status,
                    $"上年度项目的绩效自评已报送（自评 {Points(evaluation.Score)} 分，{evaluation.Grade}），财政局尚未复核，复核后按等级给出调整建议。");
            case PerformanceStatuses.Accepted:
                var (score, grade) = (Points(evaluation.FinalScore), evaluation.FinalGrade);
                var head = $"上年度绩效评价等级为{grade}（{score} 分）";
                if (!options.Grades.TryGetValue(grade, out var adjustment))
                    return new(evaluation.Status, score, Points(evaluation.OutOf), grade, 0, head + "，该等级未配置调整建议。");
                var text = adjustment.AdjustmentBp == 0
                    ? $"{head}：{adjustment.Action}。"
                    : $"{head}：{adjustment.Action}，建议压减预算 {Percent(adjustment.AdjustmentBp)}%。";
                return new(evaluation.Status, score, Points(evaluation.OutOf), grade, adjustment.AdjustmentBp, text);
            default:
                return None(evaluation.Status, $"上年度项目的绩效自评处于「{PerformanceStatuses.Label(evaluation.Status)}」状态，暂无按等级的调整建议。");
        }
    }

    private static ResultSuggestion None(string status, string text) => new(status, "", "", "", 0, text);

    private static string Points(decimal score) => score.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(int bp) => (bp / 100m).ToString("0.##", CultureInfo.InvariantCulture);
}
