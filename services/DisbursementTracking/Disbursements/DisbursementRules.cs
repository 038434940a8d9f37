using System.Globalization;
using System.Text.RegularExpressions;
using PerfPlatform.Contracts;
using PerfPlatform.Protos.Disbursement.V1;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.DisbursementTracking.Disbursements;

/// <summary>What a disbursement row must look like; each problem names its field (with the row's prefix in a batch).</summary>
public static partial class DisbursementRules
{
    public const long MaxFen = 100_000_000_000_000;
    public static readonly string[] FundSources = ["fiscal", "other"];

    public static Violations Check(RecordDisbursementRequest r, string prefix = "")
    {
        var v = new Violations()
            .When(!Codes.IsProject(r.ProjectCode), prefix + "project_code", "项目编码格式不正确。")
            .When(!Voucher().IsMatch(r.VoucherId), prefix + "voucher_id", "凭证号应为 1 至 64 位字母、数字或 - _ / .。")
            .When(!TryDate(r.Date, out _), prefix + "date", "支付日期应为 YYYY-MM-DD 格式的有效日期。")
            .When(r.AmountFen == 0, prefix + "amount_fen", "支付金额不能为零（冲销请填写负数）。")
            .When(r.AmountFen is > MaxFen or < -MaxFen, prefix + "amount_fen", "支付金额超出允许范围。")
            .When(!FundSources.Contains(r.FundSource), prefix + "fund_source", "资金来源应为 fiscal（财政资金）或 other（其他资金）。")
            .MaxLength(r.Note, 500, prefix + "note", "备注")
            // A streamed row is not checked on its way in as a single request is.
            .CheckText(r, prefix);
        return v;
    }

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string SourceLabel(string source) => source == "fiscal" ? "财政资金" : "其他资金";

    [GeneratedRegex(@"^[A-Za-z0-9\-_/.]{1,64}\z")]
    private static partial Regex Voucher();
}
