using System.Text.RegularExpressions;

namespace PerfPlatform.Contracts;

/// <summary>The shapes of the codes the platform keys on; every key carries its division.</summary>
public static partial class Codes
{
    /// <summary>行政区划: 6 digits (130636 顺平县).</summary>
    public static bool IsDivision(string? code) => code is not null && DivisionPattern().IsMatch(code);

    /// <summary>部门: 3 digits, unique inside a division (434).</summary>
    public static bool IsDepartment(string? code) => code is not null && DepartmentPattern().IsMatch(code);

    /// <summary>单位: department + 3 digits (434001), unique inside a division.</summary>
    public static bool IsUnit(string? code) => code is not null && UnitPattern().IsMatch(code);

    /// <summary>项目编码: division (6) + budget year (2) + 13 upper-case letters or digits.</summary>
    public static bool IsProject(string? code) => code is not null && ProjectPattern().IsMatch(code);

    public static string DepartmentOfUnit(string unitCode) => unitCode[..3];

    /// <summary>本级: the department's own unit, unit number 001 (434 → 434001); the department's other units are subordinate.</summary>
    public static string OwnUnitOfDepartment(string departmentCode) => departmentCode + "001";

    public static string DivisionOfProject(string projectCode) => projectCode[..6];

    /// <summary>The two-digit year a project code carries ("21" for 2021).</summary>
    public static string YearDigits(int year) => (year % 100).ToString("00");

    [GeneratedRegex(@"^[0-9]{6}\z")] private static partial Regex DivisionPattern();
    [GeneratedRegex(@"^[0-9]{3}\z")] private static partial Regex DepartmentPattern();
    [GeneratedRegex(@"^[0-9]{6}\z")] private static partial Regex UnitPattern();
    [GeneratedRegex(@"^[0-9]{8}[0-9A-Z]{13}\z")] private static partial Regex ProjectPattern();
}
