using BetterHarness.Optimizer.Claims;
using BetterHarness.Optimizer.EvalRuns;
using BetterHarness.Optimizer.Optimization;
using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.Optimizer.Rollouts;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Security;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer;

/// <summary>The optimizer service: harness versions, eval runs, optimisation runs, approval and serving.</summary>
public sealed class OptimizerModule : ServiceModule
{
    /// <summary>The service's name (<c>bh run optimizer</c>, <c>BetterHarness:Storage:Services:optimizer</c>).</summary>
    public const string ServiceName = "optimizer";

    public override string Name => ServiceName;

    public override bool StoresOnPostgres => true;

    public override void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddRunClaims();
        builder.AddEvalRuns();
        builder.AddOptimization();
        builder.AddRollouts();
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddEvalRunConsumers();
        bus.AddOptimizationConsumers();
    }

    public override void MapEndpoints(WebApplication app)
    {
        app.MapEvalRuns();
        app.MapOptimization();
        app.MapRollouts();
        // Rollouts and harness changes are audited in the harness store, optimisations and eval runs in the optimisation store.
        app.MapAuditLog("/api/harness/audit", sp =>
            [sp.GetRequiredService<HarnessDatabase>().Database.Open, sp.GetRequiredService<OptimizationDatabase>().Database.Open]);
    }
}
