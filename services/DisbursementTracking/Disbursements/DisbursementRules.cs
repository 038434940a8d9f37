using System.Globalization;
using System.Text.RegularExpressions;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Protos.Disbursement.V1;

namespace PerfPlatform.DisbursementTracking.Disbursements;

/// <summary>What a disbursement row must look like; each problem names its field within the row.</summary>
public static partial class DisbursementRules
{
    private static readonly string FundSourceMessage =
        $"资金来源应为 {FundSources.Fiscal}（{FundSources.LabelOf(FundSources.Fiscal)}）或 {FundSources.Other}（{FundSources.LabelOf(FundSources.Other)}）。";

    /// <summary>
    /// A streamed row is not checked on its way in as a unary request's text is (<see cref="TextInputCheck"/>). Walking each
    /// row's fields by reflection as that check does is slow over a 50,000-row batch, and every text field but the note is
    /// refused by its own format if it holds a NUL, so the note is the one checked for it here.
    /// </summary>
    public static Violations Check(RecordDisbursementRequest r) =>
        new Violations()
            .ProjectCode(r.ProjectCode)
            .When(!Voucher().IsMatch(r.VoucherId), "voucher_id", "凭证号应为 1 至 64 位字母、数字或 - _ / .。")
            .When(!TryDate(r.Date, out _), "date", "支付日期应为 YYYY-MM-DD 格式的有效日期。")
            .When(r.AmountFen == 0, "amount_fen", "支付金额不能为零（冲销请填写负数）。")
            .Amount(r.AmountFen, "amount_fen", "支付金额", reversal: true)
            .When(!FundSources.All.Contains(r.FundSource), "fund_source", FundSourceMessage)
            .MaxLength(r.Note, 500, "note", "备注")
            .When(r.Note.Contains('\0'), "note", TextInputCheck.NulMessage);

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex(@"^[A-Za-z0-9\-_/.]{1,64}\z")]
    private static partial Regex Voucher();
}
