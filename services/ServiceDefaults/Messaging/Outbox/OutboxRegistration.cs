using BetterHarness.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.ServiceDefaults.Messaging.Outbox;

/// <summary>Registers a module's outbox and its dispatcher (one per module, so modules sharing a process each drain their own).</summary>
public static class OutboxRegistration
{
    /// <summary>
    /// Registers a dispatcher that publishes the outbox <paramref name="outbox"/> resolves (typically owned by the
    /// module's database class, whose stores write to it). <paramref name="settings"/> defaults to
    /// <see cref="OutboxSettings.Default"/>.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, Func<IServiceProvider, IOutbox> outbox,
        Func<IServiceProvider, OutboxSettings>? settings = null)
    {
        // AddSingleton, not AddHostedService: AddHostedService keeps one registration per implementation type,
        // and every module's dispatcher is an OutboxDispatcher.
        services.AddSingleton<IHostedService>(sp => new OutboxDispatcher(
            outbox(sp), settings?.Invoke(sp) ?? OutboxSettings.Default, sp.GetRequiredService<IBus>(),
            sp.GetRequiredService<IOptions<HostingOptions>>().Value, sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        return services;
    }
}
