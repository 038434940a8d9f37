using PerfPlatform.Protos.Disbursement.V1;
using DisbursementClient = PerfPlatform.Protos.Disbursement.V1.DisbursementTracking.DisbursementTrackingClient;

namespace PerfPlatform.IndicatorCatalogue.Evaluation;

/// <summary>
/// The payments to 12-31 of the year, asked of DisbursementTracking with the caller's token (the one call between the two
/// services, in this direction only). Needed only when the department does not state the full-year spending, so an outage
/// there stops only that case, with a message saying how to go on.
/// </summary>
public sealed class YearEndSpending(IServiceProvider services)
{
    public async Task<long> SpentByYearEndAsync(string projectCode, int year, CancellationToken ct)
    {
        var client = services.GetService<DisbursementClient>() ?? throw Unavailable(null);
        try
        {
            var execution = await client.GetExecutionAsync(new GetExecutionRequest { ProjectCode = projectCode, AsOf = $"{year:D4}-12-31" },
                cancellationToken: ct);
            return execution.SpentFen;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            throw Unavailable(e);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            // The project approved a moment ago may not have reached DisbursementTracking yet.
            throw new FailedPreconditionException($"支出进度服务暂时查不到项目 {projectCode} 的支付（{e.Status.Detail}）；请稍后重试，或直接填报全年执行数（spent_fen）。",
                [new FieldViolation("spent_fen", "未能取得全年执行数，请填报。")]);
        }
    }

    private static RpcException Unavailable(Exception? cause) => new(new Status(StatusCode.Unavailable,
        "支出进度服务暂时不可用，无法取得全年执行数；请稍后重试，或在自评中直接填报全年执行数（spent_fen）。", cause));

    /// <summary>The client is registered once, with the monitoring forms' (CatalogueSetup); a second registration would send the token twice.</summary>
    public static void Register(WebApplicationBuilder builder) => builder.Services.AddScoped<YearEndSpending>();
}
