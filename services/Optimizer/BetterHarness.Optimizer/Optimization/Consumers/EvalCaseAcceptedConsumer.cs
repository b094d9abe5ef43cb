using BetterHarness.Contracts;
using MassTransit;

namespace BetterHarness.Optimizer.Optimization.Consumers;

/// <summary>
/// Counts accepted cases for the auto-trigger; the case that reaches the threshold stores a queued run, whose
/// <see cref="RunOptimization"/> leaves through the outbox in the same transaction. Idempotent: a redelivered case is counted once.
/// </summary>
public sealed class EvalCaseAcceptedConsumer(AutoTrigger.AutoTriggerPolicy trigger) : IConsumer<EvalCaseAccepted>
{
    public Task Consume(ConsumeContext<EvalCaseAccepted> context)
    {
        var m = context.Message;
        trigger.CaseAccepted(m.Agent, m.CaseId, m.SnapshotId, m.At);
        return Task.CompletedTask;
    }
}

public sealed class EvalCaseAcceptedConsumerDefinition : ConsumerDefinition<EvalCaseAcceptedConsumer>
{
    public EvalCaseAcceptedConsumerDefinition() => EndpointName = "optimizer-eval-case-accepted";
}
