using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PerfPlatform.ServiceDefaults.Messaging;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 55672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "perfplatform";
    public string Password { get; set; } = "perfplatform-local";
}

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit on RabbitMQ: durable quorum queues named after the service, publisher confirms, retries and then the
    /// endpoint's _error queue (the dead-letter queue an operator can move back).
    /// </summary>
    public static WebApplicationBuilder AddPerfMessaging(this WebApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var rabbit = builder.Configuration.GetSection(RabbitMqOptions.Section).Get<RabbitMqOptions>() ?? new RabbitMqOptions();
        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            consumers?.Invoke(x);
            x.AddConfigureEndpointsCallback((_, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator queue) queue.SetQuorumQueue();
                endpoint.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10),
                    TimeSpan.FromMilliseconds(300)));
            });
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddMeter("MassTransit"))
            .ConfigureOpenTelemetryTracerProvider(t => t.AddSource("MassTransit"));
        return builder;
    }
}
