using BetterHarness.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Consumers;

/// <summary>Transient faults (a locked database, a broker hiccup) are retried; malformed digests never are.</summary>
public sealed class TracesFlaggedConsumerDefinition : ConsumerDefinition<TracesFlaggedConsumer>
{
    public TracesFlaggedConsumerDefinition(IOptions<MiningOptions> options)
    {
        EndpointName = "mining-traces-flagged";
        ConcurrentMessageLimit = options.Value.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<TracesFlaggedConsumer> consumer, IRegistrationContext context)
    {
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<MalformedDigestException>();
            r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        });
    }
}
