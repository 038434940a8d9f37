using PerfPlatform.Contracts;

namespace PerfPlatform.ServiceDefaults.Errors;

/// <summary>
/// The keys every service is asked by (<see cref="Codes"/>) and the budget year, each refused by one rule with one message
/// naming the field, whichever service answers. An optional one (a filter) may be left empty, or 0 for a year.
/// </summary>
public static class KeyViolations
{
    public const int MinYear = 2000;
    public const int MaxYear = 2099;

    public static bool IsBudgetYear(int year) => year is >= MinYear and <= MaxYear;

    public static Violations DivisionCode(this Violations v, string code, string field = "division_code", bool optional = false) =>
        v.When(!(optional && code.Length == 0) && !Codes.IsDivision(code), field, "行政区划代码应为 6 位数字（如 130636）。");

    public static Violations DepartmentCode(this Violations v, string code, string field = "department_code", bool optional = false) =>
        v.When(!(optional && code.Length == 0) && !Codes.IsDepartment(code), field, "部门代码应为 3 位数字（如 434）。");

    public static Violations UnitCode(this Violations v, string code, string field = "unit_code", bool optional = false) =>
        v.When(!(optional && code.Length == 0) && !Codes.IsUnit(code), field, "单位代码应为 6 位数字：部门代码 3 位 + 单位序号 3 位（如 434001）。");

    public static Violations ProjectCode(this Violations v, string code, string field = "project_code") =>
        Codes.IsProject(code) ? v : v.Add(field, $"项目编码{Quote.Of(code)}格式不正确：应为 21 位，行政区划代码 6 位 + 年度 2 位 + 13 位大写字母或数字。");

    public static Violations Year(this Violations v, int year, string field = "year", bool optional = false) =>
        !(optional && year == 0) && !IsBudgetYear(year) ? v.Add(field, $"预算年度应为 {MinYear} 至 {MaxYear} 之间的年份。") : v;
}
