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
    private const int ExecutionsAtOnce = 200; // what DisbursementTracking's BatchGetExecutions takes in one call
    private const string Down = "资金执行服务（DisbursementTracking）暂时不可用，无法读取预算执行数据，请稍后重试。";

    public async Task<ProjectMoney> GetAsync(string projectCode, DateOnly asOf, CancellationToken ct) =>
        MoneyOf(await CallAsync(client => client.GetExecutionAsync(
            new GetExecutionRequest { ProjectCode = projectCode, AsOf = asOf.ToString("yyyy-MM-dd") }, cancellationToken: ct).ResponseAsync, projectCode));

    /// <summary>
    /// For a page of a round's projects, in one call: a project approved a moment ago that DisbursementTracking has not heard
    /// of yet (left out of its answer) reads as its filed budget with nothing spent and no plan, instead of failing the list.
    /// </summary>
    public async Task<IReadOnlyList<ProjectMoney>> GetManyOrFiledAsync(IReadOnlyList<Projects.ProjectCopy> projects, DateOnly asOf, CancellationToken ct)
    {
        var known = new Dictionary<string, Execution>();
        foreach (var chunk in projects.Chunk(ExecutionsAtOnce))
        {
            var request = new BatchGetExecutionsRequest { ProjectCodes = { chunk.Select(p => p.Code) }, AsOf = asOf.ToString("yyyy-MM-dd") };
            foreach (var execution in (await CallAsync(client => client.BatchGetExecutionsAsync(request, cancellationToken: ct).ResponseAsync,
                         $"{chunk.Length} projects")).Executions)
                known[execution.ProjectCode] = execution;
        }
        return projects.Select(p => known.TryGetValue(p.Code, out var execution)
            ? MoneyOf(execution)
            : new ProjectMoney(new MoneyAsOf(p.TotalFen, 0, 0, 0, 0), BasisPoints.Full)).ToList();
    }

    private async Task<T> CallAsync<T>(Func<DisbursementClient, Task<T>> call, string what)
    {
        var client = services.GetService<DisbursementClient>()
            ?? throw new RpcException(new Status(StatusCode.Unavailable, "未配置资金执行服务（Upstreams:Disbursement:Grpc），无法读取预算执行数据。"));
        try
        {
            return await call(client);
        }
        // UNIMPLEMENTED: a DisbursementTracking older than BatchGetExecutions, for the moment of a rolling update
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unknown or StatusCode.Internal
                                       or StatusCode.Unimplemented)
        {
            logger.LogWarning(e, "DisbursementTracking failed reading the execution of {What}", what);
            throw new RpcException(new Status(StatusCode.Unavailable, Down));
        }
    }

    // A 0 is what a DisbursementTracking from before it reported its threshold and the plan's year-end share sends.
    private static ProjectMoney MoneyOf(Execution execution) => new(
        new MoneyAsOf(execution.BudgetFen, execution.SpentFen, execution.ExecutionBp, execution.PlannedBp, execution.LagBp,
            execution.RedLagBp > 0 ? execution.RedLagBp : RectificationRules.DefaultRedLagBp),
        execution.YearEndBp > 0 ? execution.YearEndBp : BasisPoints.Full);
}
