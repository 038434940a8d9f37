using Google.Protobuf.WellKnownTypes;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.DisbursementTracking.Disbursements;
using PerfPlatform.Protos.Common.V1;
using PerfPlatform.Protos.Disbursement.V1;

namespace PerfPlatform.DisbursementTracking;

/// <summary>
/// Disbursements: idempotent by voucher within the unit, reversals as negative amounts, and the cumulative amount of each
/// fund source kept between zero and that source's budget.
/// </summary>
public sealed partial class DisbursementService
{
    public override async Task<Disbursement> RecordDisbursement(RecordDisbursementRequest request, ServerCallContext context)
    {
        DisbursementRules.Check(request).ThrowIfAny();
        var caller = context.Caller();
        RequireRecorder(caller);
        return await JudgedAgainIfTheVoucherWasTakenAsync(() => RecordOnceAsync(request, caller, context.CancellationToken));
    }

    private async Task<Disbursement> RecordOnceAsync(RecordDisbursementRequest request, Caller caller, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var project = await VisibleProject(request.ProjectCode, caller, ct, forUpdate: true);
        caller.RequireUnit(project.DivisionCode, project.UnitCode);
        DisbursementRules.TryDate(request.Date, out var date);
        CheckDate(project, date, "date");

        var stored = await db.Disbursements.AsNoTracking().SingleOrDefaultAsync(d =>
            d.DivisionCode == project.DivisionCode && d.UnitCode == project.UnitCode && d.VoucherId == request.VoucherId, ct);
        if (stored is not null)
            return Same(stored, request) ? ToProto(stored)
                : throw new AlreadyExistsException($"凭证号 {request.VoucherId} 已登记为另一笔支付（项目 {stored.ProjectCode}，{stored.Date:yyyy-MM-dd}，{Money.FormatYuan(stored.AmountFen)} 元）。", "voucher_id");

        CheckLimits(project, request.FundSource, request.AmountFen, project.Spent(request.FundSource) + request.AmountFen);

        var record = new DisbursementRecord
        {
            DivisionCode = project.DivisionCode, UnitCode = project.UnitCode, ProjectCode = project.Code, VoucherId = request.VoucherId,
            Date = date, AmountFen = request.AmountFen, FundSource = request.FundSource, Note = request.Note.Trim(),
            RecordedAt = clock.Now(), RecordedBy = caller.Subject,
        };
        db.Disbursements.Add(record);
        project.SpendingVersion += 1;
        project.AddSpent(request.FundSource, request.AmountFen);
        db.Publish(new DisbursementRecorded(project.Code, project.DivisionCode, project.UnitCode, project.SpendingVersion, 1,
            project.SpentFiscalFen, project.SpentOtherFen));
        db.Audit("disbursement", $"{project.DivisionCode}/{project.UnitCode}/{request.VoucherId}", "create", caller.Subject, null, ToProto(record), clock);
        await db.SaveChangesAsync(ct);
        await warnings.RefreshAsync(project, ct);
        await tx.CommitAsync(ct);
        return ToProto(record);
    }

    public override async Task<ListDisbursementsResponse> ListDisbursements(ListDisbursementsRequest request, ServerCallContext context)
    {
        new Violations().Page(request.Page, 1000, 100, PageTokens.IsRowId, out var page).ThrowIfAny();
        var project = await VisibleProject(request.ProjectCode, context.Caller(), context.CancellationToken);
        var (size, after) = (page.Size, page.RowId);
        var query = db.Disbursements.AsNoTracking().Where(d => d.ProjectCode == project.Code);
        var total = await query.CountAsync(context.CancellationToken);
        var items = await query.Where(d => d.Id > after).OrderBy(d => d.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        return new ListDisbursementsResponse
        {
            Disbursements = { items.Take(size).Select(ToProto) },
            Page = new PageResponse { TotalSize = total, NextPageToken = items.Count > size ? items[size - 1].Id.ToString() : "" },
            SpentFen = project.SpentFiscalFen + project.SpentOtherFen,
        };
    }

    private void RequireRecorder(Caller caller)
    {
        if (!caller.IsFinance && !(Options.AllowDepartments && caller.IsDepartment))
            throw new PermissionDeniedException("支付数据由财政国库集中支付登记；本地区未允许预算部门自行登记支出。");
    }

    private static void CheckDate(ProjectCopy project, DateOnly date, string field)
    {
        if (date.Year < project.Year - 1 || date.Year > project.Year + 1)
            throw new ValidationFailedException(field, $"支付日期 {date:yyyy-MM-dd} 不在 {project.Year} 年度预算的执行期内。");
    }

    /// <summary>
    /// A reversal may not take the total below zero; only a payment is held to the budget, so that a refund still goes in
    /// after the budget was cut below what had been spent.
    /// </summary>
    private static void CheckLimits(ProjectCopy project, string source, long amountFen, long afterFen)
    {
        var budget = source == FundSources.Fiscal ? project.FiscalFen : project.OtherFen;
        if (afterFen < 0)
            throw new FailedPreconditionException($"冲销后{FundSources.LabelOf(source)}累计支出将为 {Money.FormatYuan(afterFen)} 元，累计支出不能为负。",
                [new FieldViolation("amount_fen", "冲销金额超过已支出金额。")]);
        if (amountFen > 0 && afterFen > budget)
            throw new FailedPreconditionException(
                $"登记后{FundSources.LabelOf(source)}累计支出 {Money.FormatYuan(afterFen)} 元将超过预算 {Money.FormatYuan(budget)} 元。",
                [new FieldViolation("amount_fen", "超过该资金来源的预算。")]);
    }

    private static bool Same(DisbursementRecord stored, RecordDisbursementRequest r) =>
        stored.ProjectCode == r.ProjectCode && stored.Date.ToString("yyyy-MM-dd") == r.Date && stored.AmountFen == r.AmountFen
        && stored.FundSource == r.FundSource && stored.Note == r.Note.Trim();

    private static Disbursement ToProto(DisbursementRecord d) => new()
    {
        ProjectCode = d.ProjectCode, VoucherId = d.VoucherId, Date = d.Date.ToString("yyyy-MM-dd"), AmountFen = d.AmountFen,
        FundSource = d.FundSource, Note = d.Note, DivisionCode = d.DivisionCode, UnitCode = d.UnitCode,
        RecordTime = Timestamp.FromDateTimeOffset(d.RecordedAt),
    };
}
