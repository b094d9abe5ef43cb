using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Messaging;

namespace BetterHarness.Mining.Consumers;

/// <summary>Records cluster ids so candidates can be filtered by cluster; idempotent (upsert per trace).</summary>
public sealed class TracesClusteredConsumer(TraceClusterStore clusters) : TraceClusterCopyConsumer(clusters);

public sealed class TracesClusteredConsumerDefinition() : TraceClusterCopyConsumerDefinition<TracesClusteredConsumer>("mining-traces-clustered");
