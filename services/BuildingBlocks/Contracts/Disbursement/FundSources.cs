namespace PerfPlatform.Contracts.Disbursement;

/// <summary>
/// Where a project's money comes from (资金来源), as payments, events and the summary's fund_source grouping name it, and
/// the label an official reads.
/// </summary>
public static class FundSources
{
    public const string Fiscal = "fiscal";
    public const string Other = "other";
    public static readonly IReadOnlyList<string> All = [Fiscal, Other];

    public static string LabelOf(string source) => source switch
    {
        Fiscal => "财政资金",
        Other => "其他资金",
        _ => source,
    };
}
