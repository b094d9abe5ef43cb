using BetterHarness.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.ServiceDefaults.Messaging;

/// <summary>MassTransit on the in-memory transport (embedded) or RabbitMQ (distributed); nothing else differs.</summary>
public static class BusRegistration
{
    public static IServiceCollection AddBetterHarnessBus(
        this IServiceCollection services, HostingOptions options, IEnumerable<ServiceModule> modules)
    {
        // Start-up completes only once the bus is connected and its queues are bound, so nothing the
        // service publishes right after start can miss a consumer that is not bound yet.
        services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            // MassTransit reports anonymous usage to its vendor by default; a self-hosted trace store must not call out.
            bus.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(
                string.IsNullOrWhiteSpace(options.QueuePrefix) ? null : options.QueuePrefix, false));
            foreach (var module in modules) module.AddConsumers(bus);
            if (options.UsesRabbitMq)
            {
                // Quorum queues: replicated on a RabbitMQ cluster, and durable; a consumer's queue must outlive any one
                // broker node when several replicas share it. (The bus's own temporary reply queue stays classic: a quorum
                // queue cannot be exclusive or auto-delete.)
                if (string.Equals(options.RabbitMqQueueType, "quorum", StringComparison.OrdinalIgnoreCase))
                    bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                    {
                        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();
                    });
                bus.UsingRabbitMq((context, cfg) =>
                {
                    ConfigureRabbitHost(cfg, new Uri(options.RabbitMq));
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        return services;
    }

    private static void ConfigureRabbitHost(IRabbitMqBusFactoryConfigurator cfg, Uri uri)
    {
        var userInfo = uri.UserInfo.Split(':', 2);
        var vhost = uri.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        cfg.Host(uri.Host, (ushort)(uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port), vhost, h =>
        {
            h.Username(userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest");
            h.Password(userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest");
            // A publish completes only once the broker has the message (for a quorum queue: a majority of its replicas),
            // so the outbox marks a row sent only after the broker took it.
            h.PublisherConfirmation = true;
        });
    }
}
