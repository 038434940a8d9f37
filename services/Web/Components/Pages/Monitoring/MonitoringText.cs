namespace PerfPlatform.Web.Components.Pages.Monitoring;

/// <summary>The words of mid-year monitoring (双监控) as the forms use them: the API accepts exactly these.</summary>
public static class MonitoringText
{
    public const string Certain = "确定能";
    public static readonly string[] Likelihoods = [Certain, "有可能", "完全不可能"];
    public static readonly string[] Causes = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"];

    /// <summary>The form's status word; "" is a form nobody has saved yet.</summary>
    public static string Status(string status, string label) => status.Length == 0 ? "未填报" : label.Length > 0 ? label : status;

    public static string StatusColor(string status) => status switch
    {
        "submitted" => "blue",
        "accepted" => "green",
        "returned" => "orange",
        _ => "default",
    };

    /// <summary>The department may still change the form: never saved, a draft, or sent back.</summary>
    public static bool IsOpenForDepartment(string status) => status is "" or "draft" or "returned";
}
