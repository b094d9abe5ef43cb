using BetterHarness.Contracts;
using MassTransit;

namespace BetterHarness.Ingest.Production;

/// <summary>Keeps ingest's trace → cluster copy for the per-version comparison.</summary>
public sealed class TracesClusteredConsumer(TraceClusterStore clusters) : IConsumer<TracesClustered>
{
    public Task Consume(ConsumeContext<TracesClustered> context)
    {
        var valid = (context.Message.Assignments ?? []).Where(a => a is { TraceId.Length: 32, ClusterId.Length: > 0 }).ToList();
        if (valid.Count > 0) clusters.Assign(valid);
        return Task.CompletedTask;
    }
}

public sealed class TracesClusteredConsumerDefinition : ConsumerDefinition<TracesClusteredConsumer>
{
    public TracesClusteredConsumerDefinition() => EndpointName = "ingest-traces-clustered";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<TracesClusteredConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseMessageRetry(r => r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)));
}
