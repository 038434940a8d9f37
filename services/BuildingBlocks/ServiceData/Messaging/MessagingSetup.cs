using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using PerfPlatform.ServiceDefaults.Hosting;
using RabbitMQ.Client;

namespace PerfPlatform.ServiceDefaults.Messaging;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 55672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "perfplatform";
    public string Password { get; set; } = "perfplatform-local";

    public ConnectionFactory Factory(string clientName) => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
    };
}

/// <summary>The endpoints a service consumes from, each a queue named "{service}-{name}".</summary>
public sealed class BusEndpoints(IServiceCollection services, string serviceName)
{
    internal List<Func<IServiceProvider, EventEndpoint>> All { get; } = [];

    /// <summary>
    /// A queue for <paramref name="events"/>, whose batches go to <typeparamref name="THandler"/>, resolved in a scope of
    /// its own for each batch.
    /// </summary>
    public BusEndpoints Consume<THandler>(string name, params Type[] events) where THandler : class, IEventHandler
    {
        services.TryAddScoped<THandler>(); // Reporting's one handler takes a queue per event
        var queue = $"{serviceName}-{name}";
        All.Add(sp => new EventEndpoint(queue, events, async (batch, ct) =>
        {
            await using var scope = sp.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(batch, ct);
        }, sp.GetRequiredService<ILoggerFactory>().CreateLogger($"PerfPlatform.Messaging.{queue}")));
        return this;
    }

    /// <summary>"ProjectRegistered" → "project-registered", for queues named after the event they take.</summary>
    public static string Kebab(string name) => Regex.Replace(name, "(?<!^)([A-Z])", "-$1").ToLowerInvariant();
}

public static class MessagingSetup
{
    /// <summary>
    /// The platform's bus on RabbitMQ (<see cref="EventBus"/>): the outbox publishes to it with publisher confirms, and
    /// each endpoint consumes a durable quorum queue named after the service, with retries and then its _error queue
    /// (the dead-letter queue an operator can move back). The service is ready once the bus is connected.
    /// </summary>
    public static WebApplicationBuilder AddPerfMessaging(this WebApplicationBuilder builder, string serviceName,
        Action<BusEndpoints>? consumers = null)
    {
        var rabbit = builder.Configuration.GetSection(RabbitMqOptions.Section).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        var endpoints = new BusEndpoints(builder.Services, serviceName);
        consumers?.Invoke(endpoints);
        builder.Services.AddSingleton(sp => new EventBus(rabbit, serviceName, endpoints.All.Select(e => e(sp)).ToList(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<EventBus>()));
        builder.Services.AddHostedService<EventBusHost>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("rabbitmq",
            sp => new BusHealthCheck(sp.GetRequiredService<EventBus>()), HealthStatus.Unhealthy, [ServiceHost.ReadyTag]));
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource(EventEndpoint.Activities.Name));
        return builder;
    }

    private sealed class BusHealthCheck(EventBus bus) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(bus.IsConnected ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("RabbitMQ is not connected"));
    }
}
