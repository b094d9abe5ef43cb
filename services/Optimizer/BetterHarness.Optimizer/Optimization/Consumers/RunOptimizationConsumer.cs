using BetterHarness.Contracts;
using BetterHarness.Optimizer.Optimization.Running;
using MassTransit;

namespace BetterHarness.Optimizer.Optimization.Consumers;

/// <summary>Hands the run to the worker. Idempotent: a run already finished or running is not run twice.</summary>
public sealed class RunOptimizationConsumer(OptimizationWorker worker) : IConsumer<RunOptimization>
{
    public Task Consume(ConsumeContext<RunOptimization> context)
    {
        worker.Enqueue(context.Message.OptimizationId);
        return Task.CompletedTask;
    }
}

public sealed class RunOptimizationConsumerDefinition : ConsumerDefinition<RunOptimizationConsumer>
{
    public RunOptimizationConsumerDefinition() => EndpointName = "optimizer-run-optimization";
}
