using PerfPlatform.ProjectRegistry.Projects;

namespace PerfPlatform.ProjectRegistry.Review;

/// <summary>What must hold before a project may be submitted for review; each problem names its field.</summary>
public interface ISubmissionCheck
{
    Task<IReadOnlyList<FieldViolation>> CheckAsync(Project project, CancellationToken ct);
}

/// <summary>The registry's own completeness rules (完整性): a purpose, at least one goal, a budget above zero.</summary>
public sealed class CompletenessCheck : ISubmissionCheck
{
    public Task<IReadOnlyList<FieldViolation>> CheckAsync(Project project, CancellationToken ct)
    {
        var v = new Violations()
            .When(string.IsNullOrWhiteSpace(project.Purpose), "project.purpose", "提交前请填写资金用途。")
            .When(project.Goals.Count == 0, "project.goals", "提交前请填写至少一条绩效目标。")
            .When(project.TotalFen <= 0, "project.budget.total_fen", "提交前预算数应大于零。");
        return Task.FromResult(v.Items);
    }
}
