namespace PerfPlatform.Contracts.Registry;

/// <summary>
/// A project's review status as the registry keeps it and its events carry it, the rule every service applies to what
/// may still change, and the label an official reads.
/// </summary>
public static class ProjectStatuses
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Returned = "returned";

    /// <summary>A project, and what is filed with it (indicators, spending plan), changes only while a draft or returned.</summary>
    public static bool IsEditable(string status) => status is Draft or Returned;

    public static string LabelOf(string status) => status switch
    {
        Draft => "草稿",
        Submitted => "已提交",
        Approved => "已批复",
        Returned => "已退回",
        _ => status,
    };
}
