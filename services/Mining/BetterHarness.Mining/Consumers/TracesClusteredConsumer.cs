using BetterHarness.Contracts;
using BetterHarness.Mining.Storage;
using MassTransit;

namespace BetterHarness.Mining.Consumers;

/// <summary>Records cluster ids so candidates can be filtered by cluster; idempotent (upsert per trace).</summary>
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
    public TracesClusteredConsumerDefinition() => EndpointName = "mining-traces-clustered";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<TracesClusteredConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseMessageRetry(r => r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)));
}
