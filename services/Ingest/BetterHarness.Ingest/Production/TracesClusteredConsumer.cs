using BetterHarness.ServiceDefaults.Messaging;

namespace BetterHarness.Ingest.Production;

/// <summary>Keeps ingest's trace → cluster copy for the per-version comparison.</summary>
public sealed class TracesClusteredConsumer(TraceClusterStore clusters) : TraceClusterCopyConsumer(clusters);

public sealed class TracesClusteredConsumerDefinition() : TraceClusterCopyConsumerDefinition<TracesClusteredConsumer>("ingest-traces-clustered");
