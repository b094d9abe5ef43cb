using BetterHarness.Contracts;
using BetterHarness.Curation.Review;
using MassTransit;

namespace BetterHarness.Curation.Consumers;

/// <summary>Marks a pending candidate mining deleted as superseded; idempotent (a decided item keeps its decision).</summary>
public sealed class EvalCandidateWithdrawnConsumer(QueueStore queue) : IConsumer<EvalCandidateWithdrawn>
{
    public Task Consume(ConsumeContext<EvalCandidateWithdrawn> context)
    {
        if (context.Message.CandidateId is not { Length: > 0 })
            throw new InvalidOperationException("EvalCandidateWithdrawn without a candidate id");
        queue.Withdraw(context.Message);
        return Task.CompletedTask;
    }
}

public sealed class EvalCandidateWithdrawnConsumerDefinition : ConsumerDefinition<EvalCandidateWithdrawnConsumer>
{
    public EvalCandidateWithdrawnConsumerDefinition() => EndpointName = "curation-eval-candidate-withdrawn";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<EvalCandidateWithdrawnConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<InvalidOperationException>();
            r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        });
}
