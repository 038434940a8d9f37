using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using PerfPlatform.Contracts;
using PerfPlatform.Contracts.Registry;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;

namespace PerfPlatform.Web.Display;

/// <summary>How figures read in the console: 元 with thousands separators, 万元 half away from zero, Beijing time.</summary>
public static class Show
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static string Yuan(long fen) => Money.FormatYuanGrouped(fen);
    public static string Wan(long fen) => Money.FormatWan(fen);
    public static string Percent(int basisPoints) => (basisPoints / 100m).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Time(Timestamp? t) =>
        t is null ? "" : t.ToDateTimeOffset().ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(Timestamp? t) =>
        t is null ? "" : t.ToDateTimeOffset().ToOffset(Beijing).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>The registry's enum names the statuses its events write as words (Approved, "approved"); Contracts labels both.</summary>
    public static string Status(ProjectStatus status)
    {
        var word = status.ToString().ToLowerInvariant();
        var label = ProjectStatuses.LabelOf(word);
        return label == word ? "未知" : label; // Unspecified, or a status newer than this console
    }

    /// <summary>The read model writes the status as a word ("submitted").</summary>
    public static string Status(string status) => ProjectStatuses.LabelOf(status);

    public static string StatusColor(ProjectStatus status) => status switch
    {
        ProjectStatus.Submitted => "blue",
        ProjectStatus.Approved => "green",
        ProjectStatus.Returned => "orange",
        _ => "default",
    };

    public static string Severity(Documents.Model.FindingSeverity severity) => severity switch
    {
        Documents.Model.FindingSeverity.Error => "错误",
        Documents.Model.FindingSeverity.Warning => "警告",
        _ => "提示",
    };

    public static string Severity(Severity severity) => severity switch
    {
        Protos.Indicators.V1.Severity.Error => "错误",
        Protos.Indicators.V1.Severity.Warning => "警告",
        _ => "提示",
    };

    public static string SeverityColor(Severity severity) => severity switch
    {
        Protos.Indicators.V1.Severity.Error => "red",
        Protos.Indicators.V1.Severity.Warning => "orange",
        _ => "blue",
    };

    public static string WarningLevel(string level) => level switch
    {
        "red" => "红色预警",
        "yellow" => "黄色预警",
        "" => "",
        _ => level,
    };

    /// <summary>A goal as listed: numbered, unless the department numbered it already ("1.2021年完成支出").</summary>
    public static string Goal(int index, string goal) =>
        goal.Length > 1 && char.IsAsciiDigit(goal[0]) && goal.TrimStart("0123456789".ToCharArray()) is [ '.' or '．' or '、' or ')' or '）', ..]
            ? goal : $"{index + 1}. {goal}";

    /// <summary>A project code's budget year: 20 + the two digits after the division.</summary>
    public static int YearOfProject(string code) =>
        code.Length >= 8 && int.TryParse(code.AsSpan(6, 2), out var yy) ? 2000 + yy : 0;
}
