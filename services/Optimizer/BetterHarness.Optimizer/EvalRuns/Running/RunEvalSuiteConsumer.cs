using BetterHarness.Contracts;
using MassTransit;

namespace BetterHarness.Optimizer.EvalRuns.Running;

/// <summary>Hands a <see cref="RunEvalSuite"/> command to the worker; the run itself is in the store.</summary>
public sealed class RunEvalSuiteConsumer(EvalRunWorker worker) : IConsumer<RunEvalSuite>
{
    public Task Consume(ConsumeContext<RunEvalSuite> context)
    {
        worker.Enqueue(context.Message.RunId);
        return Task.CompletedTask;
    }
}

public sealed class RunEvalSuiteConsumerDefinition : ConsumerDefinition<RunEvalSuiteConsumer>
{
    public RunEvalSuiteConsumerDefinition() => EndpointName = "optimizer-run-eval-suite";
}
