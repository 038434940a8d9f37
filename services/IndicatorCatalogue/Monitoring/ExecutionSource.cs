using PerfPlatform.Protos.Disbursement.V1;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;

namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>A project's money as of a date and its plan's year-end share, as DisbursementTracking reports them.</summary>
public sealed record ProjectMoney(MoneyAsOf AsOf, int PlannedYearEndBp);

/// <summary>
/// The catalogue's one call out (issue 15): a form's money comes from DisbursementTracking, asked with the caller's own token
/// (so a department still sees only its units). Without that service there is no form to show: UNAVAILABLE, said plainly.
/// </summary>
public sealed class ExecutionSource(IServiceProvider services, ILogger<ExecutionSource> logger)
{
    public const string Upstream = "Disbursement";
    private const string Down = "资金执行服务（DisbursementTracking）暂时不可用，无法读取预算执行数据，请稍后重试。";

    public async Task<ProjectMoney> GetAsync(string projectCode, DateOnly asOf, CancellationToken ct)
    {
        var client = services.GetService<DisbursementClient>()
            ?? throw new RpcException(new Status(StatusCode.Unavailable, "未配置资金执行服务（Upstreams:Disbursement:Grpc），无法读取预算执行数据。"));
        try
        {
            var execution = await client.GetExecutionAsync(
                new GetExecutionRequest { ProjectCode = projectCode, AsOf = asOf.ToString("yyyy-MM-dd") }, cancellationToken: ct);
            return new ProjectMoney(
                new MoneyAsOf(execution.BudgetFen, execution.SpentFen, execution.ExecutionBp, execution.PlannedBp, execution.LagBp,
                    // 0: a DisbursementTracking from before it reported its threshold
                    execution.RedLagBp > 0 ? execution.RedLagBp : RectificationRules.DefaultRedLagBp),
                await YearEndBpAsync(client, projectCode, ct));
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unknown or StatusCode.Internal)
        {
            logger.LogWarning(e, "DisbursementTracking failed reading the execution of {Project}", projectCode);
            throw new RpcException(new Status(StatusCode.Unavailable, Down));
        }
    }

    /// <summary>
    /// For a list of a round's projects: a project approved a moment ago that DisbursementTracking has not heard of yet reads
    /// as its filed budget with nothing spent and no plan, instead of failing the whole list. DisbursementTracking says "not
    /// known yet" as NOT_FOUND to a department and as FAILED_PRECONDITION to the finance bureau; GetExecution has no other
    /// precondition.
    /// </summary>
    public async Task<ProjectMoney> GetOrFiledAsync(Projects.ProjectCopy project, DateOnly asOf, CancellationToken ct)
    {
        try
        {
            return await GetAsync(project.Code, asOf, ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            return new ProjectMoney(new MoneyAsOf(project.TotalFen, 0, 0, 0, 0), BasisPoints.Full);
        }
    }

    /// <summary>The plan's last checkpoint with a figure; a project without a plan is expected to spend its whole budget.</summary>
    private static async Task<int> YearEndBpAsync(DisbursementClient client, string projectCode, CancellationToken ct)
    {
        try
        {
            var plan = await client.GetSpendingPlanAsync(new GetSpendingPlanRequest { ProjectCode = projectCode }, cancellationToken: ct);
            return plan.Checkpoints.Where(c => c.HasCumulativeBp).OrderBy(c => c.Month).LastOrDefault()?.CumulativeBp ?? BasisPoints.Full;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return BasisPoints.Full;
        }
    }
}
