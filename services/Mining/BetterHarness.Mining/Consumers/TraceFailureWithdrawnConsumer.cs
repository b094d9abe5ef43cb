using BetterHarness.Contracts;
using BetterHarness.Mining.Processing;
using MassTransit;

namespace BetterHarness.Mining.Consumers;

/// <summary>Clustering withdrew a trace's failure: its superseded revisions leave mining (<see cref="SupersededRevisions"/>).</summary>
public sealed class TraceFailureWithdrawnConsumer(SupersededRevisions superseded) : IConsumer<TraceFailureWithdrawn>
{
    public Task Consume(ConsumeContext<TraceFailureWithdrawn> context)
    {
        var m = context.Message;
        if (m is not { TraceId.Length: 32, Revision: > 0 })
            throw new MalformedDigestException($"TraceFailureWithdrawn needs a 32-character trace id and a positive revision (got '{m.TraceId}', {m.Revision})");
        superseded.Apply(m with { TraceId = m.TraceId.ToLowerInvariant() });
        return Task.CompletedTask;
    }
}

public sealed class TraceFailureWithdrawnConsumerDefinition : ConsumerDefinition<TraceFailureWithdrawnConsumer>
{
    public TraceFailureWithdrawnConsumerDefinition() => EndpointName = "mining-trace-failure-withdrawn";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<TraceFailureWithdrawnConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<MalformedDigestException>();
            r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
        });
}
