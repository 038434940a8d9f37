using MassTransit;
using Microsoft.EntityFrameworkCore;
using PerfPlatform.Contracts.Registry;

namespace PerfPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Keeps a service's copy of the registry's projects: both events carry the whole project, applied a batch at a time
/// (<see cref="BatchConsumption"/>) in the order of the projects' codes. Register the subclass with
/// <see cref="BatchConsumption.AddBatchConsumer"/>.
/// </summary>
public abstract class ProjectCopyConsumer(DbContext db) : IConsumer<Batch<ProjectRegistered>>, IConsumer<Batch<ProjectChanged>>
{
    public Task Consume(ConsumeContext<Batch<ProjectRegistered>> context) =>
        db.ApplyInOrderAsync(context.Message, e => e.ProjectCode, (e, ct) => Apply(e.Message.Project, ct), context.CancellationToken);

    public Task Consume(ConsumeContext<Batch<ProjectChanged>> context) =>
        db.ApplyInOrderAsync(context.Message, e => e.ProjectCode, (e, ct) => Apply(e.Message.Project, ct), context.CancellationToken);

    /// <summary>Applies one event's project, in the batch's transaction; an older or repeated version must change nothing.</summary>
    protected abstract Task Apply(ProjectSnapshot project, CancellationToken ct);
}
