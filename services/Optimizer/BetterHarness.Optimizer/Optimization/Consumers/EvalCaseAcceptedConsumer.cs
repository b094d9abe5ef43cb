using BetterHarness.Contracts;
using MassTransit;

namespace BetterHarness.Optimizer.Optimization.Consumers;

/// <summary>
/// Counts accepted cases for the auto-trigger and, when one reaches the threshold, sends <see cref="RunOptimization"/>
/// for the run it stored. Idempotent: a redelivered case is counted once, and a run is stored before it is sent
/// (a run stored but not sent is re-driven when the service starts).
/// </summary>
public sealed class EvalCaseAcceptedConsumer(AutoTrigger.AutoTriggerPolicy trigger) : IConsumer<EvalCaseAccepted>
{
    public async Task Consume(ConsumeContext<EvalCaseAccepted> context)
    {
        var m = context.Message;
        if (trigger.CaseAccepted(m.Agent, m.CaseId, m.SnapshotId, m.At) is not { } run) return;
        await context.Publish(new RunOptimization { OptimizationId = run.Id, Agent = run.Agent, RequestedBy = AutoTrigger.AutoTriggerPolicy.Actor.Name },
            context.CancellationToken);
    }
}

public sealed class EvalCaseAcceptedConsumerDefinition : ConsumerDefinition<EvalCaseAcceptedConsumer>
{
    public EvalCaseAcceptedConsumerDefinition() => EndpointName = "optimizer-eval-case-accepted";
}
