using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PerfPlatform.ServiceDefaults.Errors;
using PerfPlatform.ServiceDefaults.Hosting;
using PerfPlatform.ServiceDefaults.Messaging;

namespace PerfPlatform.ServiceDefaults.Persistence;

public static class DatabaseSetup
{
    public static string PostgresConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
        ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");

    /// <summary>
    /// The service's DbContext on PostgreSQL (snake_case names, pooled), its outbox dispatcher, a readiness check, the
    /// database's errors in the domain's terms and its metrics and traces.
    /// </summary>
    public static WebApplicationBuilder AddPerfDatabase<TContext>(this WebApplicationBuilder builder) where TContext : DbContext
    {
        var connectionString = builder.Configuration.PostgresConnectionString();
        var source = new NpgsqlDataSourceBuilder(connectionString).EnableDynamicJson();
        // A connection back in the pool keeps its session: the services set no session state (advisory locks and settings
        // are per transaction), and the reset (DISCARD ALL) threw away every cached plan, so that Reporting's summary
        // function was planned again for every event (P1, README).
        source.ConnectionStringBuilder.NoResetOnClose = true;
        var dataSource = source.Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton<OutboxSignal>();
        // Pooled: a request leases a context whose internal services are already resolved, instead of building them
        // again through dependency injection on every call (a measurable share of a registration's CPU time).
        builder.Services.AddDbContextPool<TContext>((sp, o) => o
            .UseNpgsql(dataSource)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetRequiredService<OutboxSignal>()));
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddHealthChecks().AddNpgSql(_ => dataSource, name: "postgres", tags: [ServiceHost.ReadyTag]);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IErrorTranslator, DatabaseErrors>());
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddMeter("Npgsql"))
            .ConfigureOpenTelemetryTracerProvider(t => t.AddNpgsql());
        return builder;
    }

    /// <summary>Applies migrations when configured to; returns true when the process was asked only to migrate (--migrate-only).</summary>
    public static async Task<bool> MigrateAsync(this WebApplication app, Assembly serviceAssembly, string[] args)
    {
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var migrateOnly = args.Contains("--migrate-only");
        if (!migrateOnly && !options.MigrateOnStart) return false;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SqlMigrator>();
        await new SqlMigrator(app.Configuration.PostgresConnectionString(), logger)
            .MigrateAsync(serviceAssembly, options.CreateIfMissing);
        return migrateOnly;
    }

    /// <summary>
    /// A one-off job the process was started for instead of serving (such as --rebuild): when the flag is among the
    /// arguments, runs the job in a scope of its own, prints the line it returns and answers true, so that Program.cs stops.
    /// </summary>
    public static async Task<bool> RunJobAsync(this WebApplication app, string[] args, string flag,
        Func<IServiceProvider, CancellationToken, Task<string>> job)
    {
        if (!args.Contains(flag)) return false;
        await using var scope = app.Services.CreateAsyncScope();
        Console.WriteLine(await job(scope.ServiceProvider, CancellationToken.None));
        return true;
    }
}
