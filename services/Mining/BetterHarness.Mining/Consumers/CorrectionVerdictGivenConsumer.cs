using BetterHarness.Contracts;
using BetterHarness.Mining.Labels;
using MassTransit;

namespace BetterHarness.Mining.Consumers;

/// <summary>A review verdict on a correction candidate → labels of its source turns (idempotent: one label per turn and source).</summary>
public sealed class CorrectionVerdictGivenConsumer(ReviewLabels labels) : IConsumer<CorrectionVerdictGiven>
{
    public async Task Consume(ConsumeContext<CorrectionVerdictGiven> context)
    {
        if (context.Message.Sources is null || string.IsNullOrEmpty(context.Message.By))
            throw new MalformedDigestException($"verdict on {context.Message.CandidateId} names no sources or no curator");
        await labels.ApplyAsync(context.Message, context.CancellationToken);
    }
}

/// <summary>Ingest unreachable (the turn is read from its API) is retried; a malformed verdict is not.</summary>
public sealed class CorrectionVerdictGivenConsumerDefinition : ConsumerDefinition<CorrectionVerdictGivenConsumer>
{
    public CorrectionVerdictGivenConsumerDefinition() => EndpointName = "mining-correction-verdicts";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<CorrectionVerdictGivenConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<MalformedDigestException>();
            r.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));
        });
}
