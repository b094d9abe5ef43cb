using BetterHarness.Optimizer.EvalRuns.Storage;
using BetterHarness.Optimizer.Optimization.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer.Claims;

/// <summary>Registers this replica's identity, the claim settings (validated at start-up) and the claim tables.</summary>
public static class RunClaimRegistration
{
    public static IServiceCollection AddRunClaims(this IServiceCollection services)
    {
        services.AddOptions<RunClaimOptions>().BindConfiguration(RunClaimOptions.Section)
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(1) && o.Lease <= TimeSpan.FromMinutes(10),
                $"{RunClaimOptions.Section}:Lease must be between 00:00:01 and 00:10:00")
            .ValidateOnStart();
        services.AddSingleton<ReplicaIdentity>();
        services.AddSingleton<RunClaimer>();
        services.AddSingleton<EvalRunClaims>();
        services.AddSingleton<OptimizationClaims>();
        return services;
    }
}
