using Npgsql;

namespace PerfPlatform.DisbursementTracking;

public sealed partial class DisbursementService
{
    private const string VoucherIndex = "disbursements_division_code_unit_code_voucher_id_key";

    /// <summary>
    /// A recording looks for its voucher and then inserts it; two calls storing the same voucher at once (to different
    /// projects, or a batch beside a single post) both find nothing, and the later insert hits the unique index. That
    /// call is judged again in a fresh transaction, where the other's row is visible: it is then the same payment
    /// (answered as stored, or counted as a duplicate) or ALREADY_EXISTS naming voucher_id (in a batch, the row).
    /// </summary>
    private async Task<T> JudgedAgainIfTheVoucherWasTakenAsync<T>(Func<Task<T>> record)
    {
        try
        {
            return await record();
        }
        catch (Exception e) when (IsVoucherTaken(e))
        {
            db.ChangeTracker.Clear();
        }
        try
        {
            return await record();
        }
        catch (Exception e) when (IsVoucherTaken(e))
        {
            throw new AlreadyExistsException("凭证号正被另一笔同时登记的支付使用，请稍后重试。", "voucher_id");
        }
    }

    private static bool IsVoucherTaken(Exception e) =>
        (e as PostgresException ?? e.InnerException as PostgresException) is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: VoucherIndex };
}
