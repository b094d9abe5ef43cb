namespace BetterHarness.Contracts;

/// <summary>
/// Fact: a re-clustering found a group of failures that matches no earlier cluster. Published by the
/// clustering service after the cluster is stored; the full record is at <c>GET /api/clusters/{ClusterId}</c>.
/// </summary>
public sealed record FailureClusterEmerged
{
    /// <summary>Stable cluster id (kept across re-clusterings while the membership stays mostly the same).</summary>
    public required string ClusterId { get; init; }
    /// <summary>Readable label: dominant signal kind and distinguishing terms.</summary>
    public required string Label { get; init; }
    /// <summary>Failed traces in the cluster when it emerged.</summary>
    public required int Size { get; init; }
    /// <summary>The signal kind most members share, e.g. tool_failure.</summary>
    public required string DominantSignal { get; init; }
    /// <summary>A few member traces closest to the cluster centre.</summary>
    public required IReadOnlyList<string> RepresentativeTraceIds { get; init; }
    /// <summary>Clusters this one was split from or merged out of, when any.</summary>
    public IReadOnlyList<string> DerivedFrom { get; init; } = [];
    /// <summary>When the clustering service detected it, UTC.</summary>
    public required DateTimeOffset DetectedAt { get; init; }
}
