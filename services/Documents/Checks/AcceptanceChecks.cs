using PerfPlatform.Documents.Model;

namespace PerfPlatform.Documents.Checks;

/// <summary>
/// What the services would refuse when a table is imported (<see cref="ServiceLimits"/>): over-long or empty fields, too
/// many indicators or goals, a spending plan whose checkpoints are not the platform's. Each is an error on the table's
/// line, so that an import refuses the document, or skips just that table with --skip-invalid, before writing anything.
/// </summary>
public static class AcceptanceChecks
{
    public static void Run(ProjectTable p, string label, List<DocumentFinding> findings, Func<string, int> lineOf)
    {
        void Field(string part, string text) => findings.Add(new DocumentFinding(lineOf(part), "DOC-17", FindingSeverity.Error,
            $"第 {lineOf(part)} 行项目 {label} 的{text}", p.Code));

        if (p.Name.Length > ServiceLimits.MaxProjectName) Field("name", TooLong("项目名称", p.Name, ServiceLimits.MaxProjectName));
        if (p.Code.Length > 0 && p.Name.Length == 0) Field("name", "项目名称为空，请填写。");
        if (p.Purpose.Length > ServiceLimits.MaxPurpose) Field("purpose", TooLong("资金用途", p.Purpose, ServiceLimits.MaxPurpose));
        if (p.Goals.Count > ServiceLimits.MaxGoals) Field("goals", $"绩效目标有 {p.Goals.Count} 条，平台最多接受 {ServiceLimits.MaxGoals} 条。");
        foreach (var goal in p.Goals.Where(g => g.Length > ServiceLimits.MaxGoalLength))
            Field("goals", TooLong("绩效目标", goal, ServiceLimits.MaxGoalLength));
        Plan(p, label, findings, lineOf);
        if (p.Indicators.Count > ServiceLimits.MaxIndicators)
            Field("indicator:0", $"绩效指标有 {p.Indicators.Count} 个，平台最多接受 {ServiceLimits.MaxIndicators} 个。");
        for (var i = 0; i < p.Indicators.Count; i++)
        {
            var x = p.Indicators[i];
            var at = $"indicator:{i}";
            if (x.Name.Trim().Length == 0) Field(at, "三级指标名称为空，请填写。");
            if (x.Level1.Length > ServiceLimits.MaxIndicatorLevel) Field(at, TooLong("一级指标", x.Level1, ServiceLimits.MaxIndicatorLevel));
            if (x.Level2.Length > ServiceLimits.MaxIndicatorLevel) Field(at, TooLong("二级指标", x.Level2, ServiceLimits.MaxIndicatorLevel));
            if (x.Name.Length > ServiceLimits.MaxIndicatorName) Field(at, TooLong("三级指标名称", x.Name, ServiceLimits.MaxIndicatorName));
            if (x.Description.Length > ServiceLimits.MaxIndicatorDescription)
                Field(at, TooLong("绩效指标描述", x.Description, ServiceLimits.MaxIndicatorDescription));
            if (x.Target.Length > ServiceLimits.MaxIndicatorTarget) Field(at, TooLong("指标值", x.Target, ServiceLimits.MaxIndicatorTarget));
            if (x.Basis.Length > ServiceLimits.MaxIndicatorBasis) Field(at, TooLong("指标值确定依据", x.Basis, ServiceLimits.MaxIndicatorBasis));
        }
    }

    private static string TooLong(string field, string text, int max) =>
        $"{field}「{(text.Length > 20 ? text[..20] + "…" : text)}」有 {text.Length} 个字符，平台最多接受 {max} 个。";

    /// <summary>
    /// PLN-05: the checkpoints must be the platform's months in order, each labelled as the service labels it
    /// (DisbursementTracking PlanRules.Check).
    /// </summary>
    private static void Plan(ProjectTable p, string label, List<DocumentFinding> findings, Func<string, int> lineOf)
    {
        var months = ServiceLimits.CheckpointMonths;
        var expected = string.Join("、", months.Select(ServiceLimits.CheckpointLabel));
        if (p.SpendingPlan.Count == 0)
        {
            findings.Add(new DocumentFinding(lineOf("plan"), "PLN-05", FindingSeverity.Error,
                $"项目 {label} 没有资金支出计划，请按 {expected} 填写累计支出比例。", p.Code));
            return;
        }
        if (p.SpendingPlan.Select(c => c.Month).SequenceEqual(months))
        {
            var odd = p.SpendingPlan.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Label != ServiceLimits.CheckpointLabel(x.c.Month));
            if (odd.c is null) return;
            var at = lineOf($"label:{odd.i}");
            findings.Add(new DocumentFinding(at, "PLN-05", FindingSeverity.Error,
                $"第 {at} 行项目 {label} 的资金支出计划时间节点应写作「{ServiceLimits.CheckpointLabel(odd.c.Month)}」，平台不接受其他写法。", p.Code));
            return;
        }
        var wrong = p.SpendingPlan.Select((c, i) => (c, i)).FirstOrDefault(x => x.i >= months.Count || x.c.Month != months[x.i]);
        var line = wrong.c is null ? lineOf("plan") : lineOf($"label:{wrong.i}");
        findings.Add(new DocumentFinding(line, "PLN-05", FindingSeverity.Error,
            $"第 {line} 行项目 {label} 的资金支出计划时间节点为「{string.Join("、", p.SpendingPlan.Select(c => c.Label))}」，" +
            $"平台要求依次为 {expected}（共 {months.Count} 个）。", p.Code));
    }
}
