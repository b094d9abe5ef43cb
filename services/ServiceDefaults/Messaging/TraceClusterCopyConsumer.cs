using BetterHarness.Contracts;
using MassTransit;

namespace BetterHarness.ServiceDefaults.Messaging;

/// <summary>
/// A service's own copy of trace → failure cluster, kept from <see cref="TracesClustered"/> (ingest compares harness
/// versions per cluster, mining filters candidates by cluster); the clustering service's store stays its own.
/// </summary>
public interface ITraceClusterCopy
{
    /// <summary>Upserts per trace; an assignment of an older revision than the stored one is ignored (idempotent, order-tolerant).</summary>
    void Assign(IReadOnlyList<TraceClusterAssignment> assignments);
}

/// <summary>
/// Keeps a service's trace → cluster copy: assignments without a 32-character trace id or a cluster id are skipped, the
/// rest go to the copy in one call. Each service names its own sealed consumer (and endpoint) on this base.
/// </summary>
public abstract class TraceClusterCopyConsumer(ITraceClusterCopy copy) : IConsumer<TracesClustered>
{
    public Task Consume(ConsumeContext<TracesClustered> context)
    {
        var valid = (context.Message.Assignments ?? []).Where(a => a is { TraceId.Length: 32, ClusterId.Length: > 0 }).ToList();
        if (valid.Count > 0) copy.Assign(valid);
        return Task.CompletedTask;
    }
}

/// <summary>The copy's endpoint, named per service; a store error (a busy database) is retried twice, shortly.</summary>
public abstract class TraceClusterCopyConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : TraceClusterCopyConsumer
{
    protected TraceClusterCopyConsumerDefinition(string endpointName) => EndpointName = endpointName;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context) =>
        endpoint.UseMessageRetry(r => r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)));
}
