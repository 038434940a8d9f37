using Microsoft.EntityFrameworkCore;
using PerfPlatform.Contracts.Registry;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Keeps a service's copy of the registry's projects: both events carry the whole project, applied a batch at a time
/// (<see cref="BatchConsumption"/>) in the order of the projects' codes. Register the subclass with
/// <c>Consume&lt;T&gt;("project-consumers", ProjectCopyConsumer.Events)</c>.
/// </summary>
public abstract class ProjectCopyConsumer(DbContext db) : IEventHandler
{
    public static readonly Type[] Events = [typeof(ProjectRegistered), typeof(ProjectChanged)];

    public Task HandleAsync(IReadOnlyList<Delivery> events, CancellationToken ct) =>
        db.ApplyInOrderAsync(events, m => Project(m).Code, (e, token) => Apply(Project(e.Message), token), ct);

    private static ProjectSnapshot Project(object message) => message switch
    {
        ProjectRegistered e => e.Project,
        ProjectChanged e => e.Project,
        _ => throw new NotSupportedException($"{message.GetType().Name} carries no project."),
    };

    /// <summary>Applies one event's project, in the batch's transaction; an older or repeated version must change nothing.</summary>
    protected abstract Task Apply(ProjectSnapshot project, CancellationToken ct);
}
