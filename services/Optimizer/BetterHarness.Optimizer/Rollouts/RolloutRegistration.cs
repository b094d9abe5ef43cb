using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer.Rollouts;

/// <summary>Canary rollouts in the optimizer service: options, store, monitor, webhook, the harness store's outbox, API.</summary>
public static class RolloutRegistration
{
    public static void AddRollouts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RolloutOptions>().BindConfiguration(RolloutOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.CheckInterval > TimeSpan.Zero && o.CheckInterval <= TimeSpan.FromHours(1),
                "BetterHarness:Rollouts:CheckInterval must be between 00:00:00.001 and 01:00:00")
            .ValidateOnStart();
        services.AddSingleton<RolloutStore>();
        services.AddSingleton<RolloutWebhook>();
        services.AddHostedService(sp => sp.GetRequiredService<RolloutWebhook>());
        services.AddSingleton<RolloutMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<RolloutMonitor>());
        services.AddOutbox(sp => new RolloutAlertOutbox(sp.GetRequiredService<HarnessDatabase>().Outbox, sp.GetRequiredService<RolloutWebhook>()));
    }

    public static void MapRollouts(this WebApplication app) => RolloutEndpoints.Map(app);
}
