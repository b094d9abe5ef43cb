namespace BetterHarness.Contracts;

/// <summary>
/// Fact: a cluster's failures in the current time bucket rose well above its recent average. Published at
/// most once per cluster and bucket.
/// </summary>
public sealed record FailureClusterSpiking
{
    /// <summary>Stable cluster id.</summary>
    public required string ClusterId { get; init; }
    /// <summary>Readable label of the cluster.</summary>
    public required string Label { get; init; }
    /// <summary>Start of the time bucket that spiked, UTC.</summary>
    public required DateTimeOffset BucketStart { get; init; }
    /// <summary>Length of a time bucket.</summary>
    public required TimeSpan BucketLength { get; init; }
    /// <summary>Failures in the spiking bucket so far.</summary>
    public required int Count { get; init; }
    /// <summary>Mean failures per bucket over the preceding buckets (the baseline).</summary>
    public required double Baseline { get; init; }
    /// <summary>When the clustering service detected it, UTC.</summary>
    public required DateTimeOffset DetectedAt { get; init; }
}
