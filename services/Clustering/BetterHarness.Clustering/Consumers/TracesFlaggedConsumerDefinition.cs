using BetterHarness.Contracts;
using MassTransit;

namespace BetterHarness.Clustering.Consumers;

/// <summary>
/// Own queue name (mining consumes the same event on its own queue), two batches at a time (the engine
/// serialises the model anyway; two overlap embedding with storing), transient faults retried with backoff,
/// malformed digests never retried.
/// </summary>
public sealed class TracesFlaggedConsumerDefinition : ConsumerDefinition<TracesFlaggedConsumer>
{
    public const string Queue = "clustering-traces-flagged";

    public TracesFlaggedConsumerDefinition()
    {
        EndpointName = Queue;
        ConcurrentMessageLimit = 2;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TracesFlaggedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<MalformedDigestException>();
            r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        });
    }
}
