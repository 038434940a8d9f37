using System.Runtime.CompilerServices;
using Grpc.Core;
using PerfPlatform.Protos.Indicators.V1;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using MonitoringClient = PerfPlatform.Protos.Indicators.V1.Monitoring.MonitoringClient;

namespace PerfPlatform.Reliability.Tests;

/// <summary>
/// Monitoring forms of the fixture's unit for the matrix and the sweeps: the round at 2021-07-31 (opening it again answers
/// the same round), a draft form shared by the reads and saves, and a form of its own in the state an action needs.
/// </summary>
public static class MonitoringForms
{
    public const string AsOf = "2021-07-31";
    private static readonly ConditionalWeakTable<PlatformFixture, Task<string>> Rounds = new();
    private static readonly ConditionalWeakTable<PlatformFixture, Task<string>> Drafts = new();

    public static OpenMonitoringRoundRequest Round() => new()
    {
        Year = 2021, DivisionCode = PlatformFixture.Division, AsOf = AsOf, Deadline = "2021-08-15",
    };

    /// <summary>A valid filing for the fixture's two indicators: the second 完全不可能, so the form needs rectification.</summary>
    public static SaveMonitoringFormRequest Filing(string project, string roundId) => new()
    {
        ProjectCode = project, RoundId = roundId, ExpectedSpentFen = 90_000_00,
        Indicators =
        {
            new MonitoringIndicatorInput { Index = 0, Reached = "30000人", Expected = "47244人", Likelihood = "确定能" },
            new MonitoringIndicatorInput { Index = 1, Reached = "80%", Expected = "85%", Likelihood = "完全不可能", Cause = "其他", CauseText = "调查推迟", Measure = "加强宣传" },
        },
    };

    /// <summary>The round, once Reporting has it too (from its event).</summary>
    public static Task<string> RoundIdAsync(this PlatformFixture fixture) =>
        Rounds.GetValue(fixture, f => Task.Run(async () =>
        {
            var id = (await Client(f, f.Stack.FinanceToken()).OpenRoundAsync(Round())).Id;
            var reporting = new Protos.Reporting.V1.Reporting.ReportingClient(f.Gateway(f.Stack.FinanceToken()));
            await Eventually.Succeeds(() => reporting.GetMonitoringReportAsync(new Protos.Reporting.V1.MonitoringReportRequest { RoundId = id }).ResponseAsync,
                e => e is RpcException { StatusCode: StatusCode.NotFound });
            return id;
        }));

    /// <summary>One saved draft form of the unit, for the reads and the saves.</summary>
    public static Task<string> DraftFormAsync(this PlatformFixture fixture) =>
        Drafts.GetValue(fixture, f => Task.Run(() => f.NewFormAsync(PerfPlatform.Contracts.Performance.PerformanceStatuses.Draft)));

    /// <summary>A new approved project of the unit whose form is saved and brought to the state: draft, submitted or accepted.</summary>
    public static async Task<string> NewFormAsync(this PlatformFixture fixture, string state)
    {
        var roundId = await fixture.RoundIdAsync();
        var code = await fixture.NewProjectAsync(ProjectStatus.Approved);
        var department = Client(fixture, fixture.Stack.DepartmentToken(PlatformFixture.Division, PlatformFixture.OwnUnit));
        // The catalogue learns of the approval, and the disbursement service of the project, from the registry's events.
        await Eventually.Succeeds(() => department.GetFormAsync(new GetMonitoringFormRequest { ProjectCode = code, RoundId = roundId }).ResponseAsync,
            e => e is RpcException { StatusCode: StatusCode.FailedPrecondition or StatusCode.NotFound });
        await department.SaveFormAsync(Filing(code, roundId));
        if (state == "draft") return code;
        await department.SubmitFormAsync(new MonitoringFormAction { ProjectCode = code, RoundId = roundId });
        if (state == "submitted") return code;
        await Client(fixture, fixture.Stack.FinanceToken()).AcceptFormAsync(new MonitoringFormAction { ProjectCode = code, RoundId = roundId });
        return code;
    }

    public static MonitoringClient Client(PlatformFixture fixture, string token) => new(fixture.Gateway(token));
}
