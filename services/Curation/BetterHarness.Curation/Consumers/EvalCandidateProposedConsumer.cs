using BetterHarness.Contracts;
using BetterHarness.Curation.Fetching;
using BetterHarness.Curation.Review;
using MassTransit;

namespace BetterHarness.Curation.Consumers;

/// <summary>
/// Queues a proposed candidate (upsert by candidate id, so a redelivery or a merge changes nothing but the
/// support count) and wakes the fetcher, which reads the content from mining's API. Storing comes first: the
/// read can fail and be retried without the proposal being lost.
/// </summary>
public sealed class EvalCandidateProposedConsumer(QueueStore queue, FetchSignal fetch) : IConsumer<EvalCandidateProposed>
{
    public Task Consume(ConsumeContext<EvalCandidateProposed> context)
    {
        var m = context.Message;
        if (m.CandidateId is not { Length: > 0 } || m.TraceId is not { Length: > 0 })
            throw new InvalidOperationException($"EvalCandidateProposed without a candidate or trace id ({m.CandidateId}/{m.TraceId})");
        queue.Propose(m);
        fetch.Notify();
        return Task.CompletedTask;
    }
}

public sealed class EvalCandidateProposedConsumerDefinition : ConsumerDefinition<EvalCandidateProposedConsumer>
{
    public EvalCandidateProposedConsumerDefinition() => EndpointName = "curation-eval-candidate-proposed";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<EvalCandidateProposedConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<InvalidOperationException>();
            r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        });
}
