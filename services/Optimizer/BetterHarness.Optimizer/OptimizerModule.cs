using BetterHarness.Optimizer.EvalRuns;
using BetterHarness.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Builder;

namespace BetterHarness.Optimizer;

/// <summary>The optimizer service: harness versions, eval runs, optimisation runs, approval and serving.</summary>
public sealed class OptimizerModule : ServiceModule
{
    public override string Name => "optimizer";

    public override void AddServices(WebApplicationBuilder builder)
    {
        builder.AddEvalRuns();
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddEvalRunConsumers();
    }

    public override void MapEndpoints(WebApplication app)
    {
        app.MapEvalRuns();
    }
}
