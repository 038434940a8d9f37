using PerfPlatform.Protos.Common.V1;

namespace PerfPlatform.ProjectRegistry.Projects;

/// <summary>What a project's fields must satisfy, with messages that name the field for the official.</summary>
public static class ProjectRules
{
    public const int MaxName = 200;
    public const int MaxPurpose = 2000;
    public const int MaxGoals = 50;
    public const int MaxGoalLength = 1000;

    public static Violations CheckCode(this Violations v, string code, string divisionCode, int year, string field = "project.code")
    {
        if (!Codes.IsProject(code)) return v.ProjectCode(code, field);
        v.When(Codes.DivisionOfProject(code) != divisionCode, field, $"项目编码前 6 位应为行政区划代码 {divisionCode}。");
        v.When(KeyViolations.IsBudgetYear(year) && code.Substring(6, 2) != Codes.YearDigits(year), field,
            $"项目编码第 7–8 位应为预算年度后两位 {Codes.YearDigits(year)}。");
        return v;
    }

    public static Violations CheckName(this Violations v, string name, string field = "project.name") =>
        v.Required(name, field, "项目名称").MaxLength(name, MaxName, field, "项目名称");

    public static Violations CheckPurpose(this Violations v, string purpose, string field = "project.purpose") =>
        v.MaxLength(purpose, MaxPurpose, field, "资金用途");

    public static Violations CheckGoals(this Violations v, IReadOnlyList<string> goals, string field = "project.goals")
    {
        v.When(goals.Count > MaxGoals, field, $"绩效目标不能超过 {MaxGoals} 条。");
        for (var i = 0; i < goals.Count && i < MaxGoals; i++)
            v.MaxLength(goals[i], MaxGoalLength, $"{field}[{i}]", "绩效目标");
        return v;
    }

    public static Violations CheckBudget(this Violations v, Budget? budget, string field = "project.budget")
    {
        if (budget is null) return v.Add(field, "预算数不能为空：请填写 total_fen、fiscal_fen、other_fen（单位：分）。");
        v.Amount(budget.TotalFen, $"{field}.total_fen", "预算数")
            .Amount(budget.FiscalFen, $"{field}.fiscal_fen", "财政资金")
            .Amount(budget.OtherFen, $"{field}.other_fen", "其他资金");
        if (budget is { TotalFen: >= 0, FiscalFen: >= 0, OtherFen: >= 0 } && budget.FiscalFen + budget.OtherFen != budget.TotalFen)
            v.Add($"{field}.total_fen",
                $"预算数应等于财政资金与其他资金之和：{Money.FormatYuan(budget.FiscalFen)} + {Money.FormatYuan(budget.OtherFen)} = " +
                $"{Money.FormatYuan(budget.FiscalFen + budget.OtherFen)} 元，而填报的预算数为 {Money.FormatYuan(budget.TotalFen)} 元。");
        return v;
    }
}
