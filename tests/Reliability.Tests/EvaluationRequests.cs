using System.Runtime.CompilerServices;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using EvaluationClient = PerfPlatform.Protos.Indicators.V1.SelfEvaluation.SelfEvaluationClient;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// Self-evaluations for the matrix and the sweeps: one approved project of the own unit whose evaluation stays a draft,
/// and new ones brought to the state a submission or a review needs.
/// </summary>
public static class EvaluationRequests
{
    private static readonly ConditionalWeakTable<PlatformFixture, Task<string>> Approved = new();

    /// <summary>The fixture's approved project for reads and drafts, made once.</summary>
    public static Task<string> ApprovedAsync(PlatformFixture fixture) =>
        Approved.GetValue(fixture, f => f.NewProjectAsync(ProjectStatus.Approved));

    /// <summary>Both indicators of <see cref="Requests.Indicators"/> reached, the spending stated: repeatable while a draft.</summary>
    public static PutSelfEvaluationRequest Put(string code) => new()
    {
        ProjectCode = code, Year = 2021, SpentFen = 9_000_000,
        Indicators =
        {
            new EvaluatedIndicatorInput { Index = 0, Reached = "47244人" },
            new EvaluatedIndicatorInput { Index = 1, Reached = "95%" },
        },
    };

    public const string PutBody =
        """{"year":2021,"version":0,"spentFen":9000000,"indicators":[{"index":0,"reached":"47244人","grade":"","gradePercent":"","weightPoints":"","cause":"原因","measure":"措施"},{"index":1,"reached":"95%"}]}""";

    /// <summary>A new approved project whose evaluation is a draft (or, with <paramref name="submitted"/>, submitted).</summary>
    public static async Task<string> NewAsync(PlatformFixture fixture, bool submitted)
    {
        var code = await fixture.NewProjectAsync(ProjectStatus.Approved);
        var client = new EvaluationClient(fixture.Gateway(fixture.Stack.FinanceToken()));
        await TestSupport.Eventually.Succeeds(() => client.PutSelfEvaluationAsync(Put(code)).ResponseAsync,
            e => e is Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.FailedPrecondition });
        if (submitted) await client.SubmitSelfEvaluationAsync(new SubmitSelfEvaluationRequest { ProjectCode = code });
        return code;
    }
}
