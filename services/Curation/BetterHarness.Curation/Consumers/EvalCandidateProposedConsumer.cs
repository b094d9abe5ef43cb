using BetterHarness.Contracts;
using BetterHarness.Curation.Review;
using BetterHarness.EvalCases.Cases;
using MassTransit;

namespace BetterHarness.Curation.Consumers;

/// <summary>
/// Queues a proposed candidate with the case the message carries (upsert by candidate id: a redelivery or an older
/// proposal changes nothing), then lets the auto-accept policy look at it. A proposal without its case (from a mining
/// older than <see cref="EvalCandidateProposed.Case"/>) or with another schema is bad data: error queue, not retried.
/// </summary>
public sealed class EvalCandidateProposedConsumer(QueueStore queue, AutoAcceptor autoAccept) : IConsumer<EvalCandidateProposed>
{
    public Task Consume(ConsumeContext<EvalCandidateProposed> context)
    {
        var m = context.Message;
        if (m.CandidateId is not { Length: > 0 } || m.TraceId is not { Length: > 0 })
            throw new InvalidOperationException($"EvalCandidateProposed without a candidate or trace id ({m.CandidateId}/{m.TraceId})");
        if (m.Case is not { } candidate)
            throw new InvalidOperationException($"EvalCandidateProposed for {m.CandidateId} carries no case; re-mine its trace with a current mining service");
        if (candidate.Id != m.CandidateId || candidate.Schema != EvalCase.SchemaVersion)
            throw new InvalidOperationException($"EvalCandidateProposed for {m.CandidateId} carries case '{candidate.Id}' in schema '{candidate.Schema}'");
        if (queue.Propose(m, candidate)) autoAccept.Consider(candidate);
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
