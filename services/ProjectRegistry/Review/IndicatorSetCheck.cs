using System.Text.Json;
using PerfPlatform.Contracts.Indicators;
using PerfPlatform.ProjectRegistry.Projects;

namespace PerfPlatform.ProjectRegistry.Review;

/// <summary>
/// A project goes to review only with an indicator set that the catalogue's linter finds no error in, as the registry
/// last heard of it (<see cref="KnownIndicatorSet"/>), so that submitting works while the catalogue is down.
/// </summary>
/// <remarks>
/// The event of a set replaced a moment before the submission may not have arrived (the outbox publishes within
/// milliseconds while the broker is up): the submission is then judged on the set before it, refused as empty for a
/// project whose first set is still on its way (the department submits again), or let through on a set that was
/// sound. The finance bureau reviews the set as it is, with its findings, before approving, and the catalogue refuses
/// changes once it learns of the submission, so this window is accepted rather than closed with a call back to the
/// catalogue, which would make each service depend on the other being up.
/// </remarks>
public sealed class IndicatorSetCheck(RegistryDb db) : ISubmissionCheck
{
    private const string Empty = "提交前请填报绩效指标（指标集为空）。";

    public async Task<IReadOnlyList<FieldViolation>> CheckAsync(Project project, CancellationToken ct)
    {
        var set = await db.KnownIndicatorSets.AsNoTracking().FirstOrDefaultAsync(s => s.ProjectCode == project.Code, ct);
        if (set is null || set.IndicatorCount == 0) return [new FieldViolation("indicators", Empty)];
        if (set.ErrorCount == 0) return [];
        if (set.Errors is null)
            return [new FieldViolation("indicators", $"指标集有 {set.ErrorCount} 个错误，请在指标库查看并修正后再提交。")];
        return JsonSerializer.Deserialize<List<FindingNote>>(set.Errors, OutboxMessage.Json)!
            .Select(f => new FieldViolation(f.IndicatorIndex >= 0 ? $"indicators[{f.IndicatorIndex}]" : "indicators", $"[{f.RuleId}] {f.Message}"))
            .ToList();
    }
}

/// <summary>All the checks a submission passes, in order; every problem of every check is reported at once.</summary>
public sealed class SubmissionChecks(IEnumerable<ISubmissionCheck> checks)
{
    public async Task<IReadOnlyList<FieldViolation>> RunAsync(Project project, CancellationToken ct)
    {
        var problems = new List<FieldViolation>();
        foreach (var check in checks) problems.AddRange(await check.CheckAsync(project, ct));
        return problems;
    }
}
