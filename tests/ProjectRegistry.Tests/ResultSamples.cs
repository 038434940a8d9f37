using PerfPlatform.Contracts.Disbursement;
using PerfPlatform.Contracts.Performance;
using PerfPlatform.Protos.Registry.V1;
using PerfPlatform.TestSupport;
using RegistryClient = PerfPlatform.Protos.Registry.V1.ProjectRegistry.ProjectRegistryClient;

namespace PerfPlatform.ProjectRegistry.Tests;

/// <summary>Projects of two years and the other services' events about the earlier one, as result application reads them.</summary>
public static class ResultSamples
{
    public static async Task<Project> CreateAsync(RegistryClient client, int year, string name, string unit = RegistryFixture.Unit,
        string? predecessorCode = null)
    {
        var input = Samples.VehiclePurchase(Samples.NewCode(year));
        input.Year = year;
        input.Name = name;
        if (predecessorCode is not null) input.PredecessorCode = predecessorCode;
        return await client.CreateProjectAsync(Samples.Create(input, unit));
    }

    /// <summary>A 2021 project and a 2022 one of the same unit under a name no other test uses.</summary>
    public static async Task<(Project Last, Project Next)> PairAsync(RegistryClient client)
    {
        var name = "结果应用测试项目" + Guid.NewGuid().ToString("N")[..8];
        return (await CreateAsync(client, 2021, name), await CreateAsync(client, 2022, name));
    }

    /// <summary>A new pair whose 2021 project's evaluation was accepted with this grade; the 2022 project's predecessor.</summary>
    public static async Task<Predecessor> EvaluatedPredecessorAsync(RegistryFixture fixture, string grade, decimal score)
    {
        var (last, next) = await PairAsync(fixture.Finance);
        await PublishAsync(fixture.Stack, Evaluation(last.Code, 2, PerformanceStatuses.Accepted, score, grade));
        return (await fixture.Finance.GetProjectAsync(new GetProjectRequest { ProjectCode = next.Code })).Predecessor;
    }

    /// <summary>Publishes the events to the registry's virtual host and waits until the registry has consumed them.</summary>
    public static async Task PublishAsync(PlatformStack stack, params object[] events)
    {
        await TestBus.PublishAsync(stack.VirtualHost, events);
        await Consumed.EverythingAsync(stack, "registry");
    }

    public static SelfEvaluationChanged Evaluation(string code, long version, string status, decimal score, string grade,
        decimal? reviewedScore = null, string? reviewedGrade = null) =>
        new(code, RegistryFixture.Division, RegistryFixture.Unit, 2021, version, status, 18_000_000, 18_000_000, score, 100m, grade,
            reviewedScore, reviewedGrade, [], DateTimeOffset.UtcNow);

    public static MonitoringFormChanged Form(Guid round, string code, long version, bool needsRectification, bool rectified) =>
        new(round, code, RegistryFixture.Division, RegistryFixture.Unit, 2021, version, PerformanceStatuses.Accepted, 18_000_000,
            9_000_000, needsRectification ? 12_000_000 : 18_000_000, 5000, 8000, 0, needsRectification,
            needsRectification ? ["预计全年支出低于预算"] : [], rectified, DateTimeOffset.UtcNow);

    public static WarningChanged Warning(string code, long version, string level) =>
        new(code, RegistryFixture.Division, RegistryFixture.Unit, 2021, version, level, level.Length == 0 ? "" : "执行进度落后计划", 2500, 6,
            level.Length == 0 ? null : new DateOnly(2021, 6, 30));
}
