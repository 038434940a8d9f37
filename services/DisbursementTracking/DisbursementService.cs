using Microsoft.Extensions.Options;
using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.DisbursementTracking.Clock;
using PerfPlatform.DisbursementTracking.Disbursements;
using PerfPlatform.DisbursementTracking.Plans;
using PerfPlatform.DisbursementTracking.Warnings;

namespace PerfPlatform.DisbursementTracking;

/// <summary>The DisbursementTracking gRPC service; each feature folder adds its methods to this partial class.</summary>
public sealed partial class DisbursementService(DisbursementDb db, AdjustableClock clock, IOptions<DisbursementOptions> options,
    WarningUpdater warnings) : Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingBase
{
    private DisbursementOptions Options => options.Value;

    /// <summary>
    /// A project this service knows (from the registry's events) and the caller may see. To a department, a project it may
    /// not see and one that does not exist answer the same NOT_FOUND, so that it cannot learn which codes exist elsewhere;
    /// the finance bureau is told when a project is not known yet (FAILED_PRECONDITION, worth a retry after filing).
    /// </summary>
    private async Task<ProjectCopy> VisibleProject(string code, Caller caller, CancellationToken ct, bool forUpdate = false)
    {
        new Violations().ProjectCode(code).ThrowIfAny();
        var project = forUpdate
            ? await db.Projects.FromSqlInterpolated($"SELECT * FROM projects WHERE code = {code} FOR UPDATE").SingleOrDefaultAsync(ct)
            : await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (project is null && caller.IsFinance)
            throw new FailedPreconditionException($"项目 {code} 尚未在项目库登记，或登记信息尚未同步到支出进度服务，请稍后重试。",
                [new FieldViolation("project_code", "项目未登记或尚未同步。")]);
        if (project is null || !caller.CanActFor(project.DivisionCode, project.UnitCode))
            throw new NotFoundException(NotFoundMessage(code));
        return project;
    }

    private static string NotFoundMessage(string code) => $"项目 {code} 不存在，或尚未同步到支出进度服务。";
}
