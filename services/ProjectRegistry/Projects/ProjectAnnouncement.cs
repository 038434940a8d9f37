using PerfPlatform.Contracts.Registry;

namespace PerfPlatform.ProjectRegistry.Projects;

/// <summary>
/// The operator's command --announce-projects: every project's current state published once more, at its own version
/// (ProjectChanged, change "announced"), for a consumer whose copy began after the projects were filed: the catalogue's,
/// which its migration 0003 starts empty. A consumer that holds that version already ignores it.
/// </summary>
public sealed class ProjectAnnouncement(RegistryDb db)
{
    private const int BatchSize = 500;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var announced = 0;
        var after = "";
        while (true)
        {
            var batch = await db.Projects.AsNoTracking().Where(p => string.Compare(p.Code, after) > 0).OrderBy(p => p.Code)
                .Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return announced;
            foreach (var p in batch) db.Publish(new ProjectChanged(p.Code, p.Version, ProjectChanges.Announced, p.Snapshot()));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            announced += batch.Count;
            after = batch[^1].Code;
        }
    }
}
