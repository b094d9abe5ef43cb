using BetterHarness.Contracts;
using BetterHarness.Curation.Review;
using MassTransit;

namespace BetterHarness.Curation.Consumers;

/// <summary>Drops a withdrawn candidate from the review queue unless someone acted on it (see <see cref="QueueWithdrawals"/>).</summary>
public sealed class EvalCandidateWithdrawnConsumer(QueueWithdrawals withdrawals) : IConsumer<EvalCandidateWithdrawn>
{
    public Task Consume(ConsumeContext<EvalCandidateWithdrawn> context)
    {
        if (context.Message.CandidateId is not { Length: > 0 })
            throw new InvalidOperationException("EvalCandidateWithdrawn without a candidate id");
        withdrawals.Withdraw(context.Message);
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
