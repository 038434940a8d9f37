using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using PerfPlatform.ServiceDefaults.Persistence;

namespace PerfPlatform.ServiceDefaults.Hosting;

/// <summary>A one-off job a service's process can be started for instead of serving, such as <c>--rebuild</c>.</summary>
public sealed record ServiceJob(string Flag, Func<IServiceProvider, CancellationToken, Task<string>> RunAsync);

/// <summary>
/// The program of every service with a database, written once: the shared defaults, the service's own wiring, its
/// migrations (alone with <c>--migrate-only</c>), its one-off job when started for it, then its gRPC services.
/// </summary>
public static class DataServiceHost
{
    public static async Task RunAsync<TDb>(string[] args, string serviceName, Action<WebApplicationBuilder> addService,
        Action<WebApplication> mapService, ServiceJob? job = null) where TDb : DbContext
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(serviceName);
        addService(builder);

        var app = builder.Build();
        if (await app.MigrateAsync(typeof(TDb).Assembly, args)) return;
        if (job is not null && await app.RunJobAsync(args, job.Flag, job.RunAsync)) return;
        app.MapServiceDefaults();
        mapService(app);
        await app.RunAsync();
    }
}
