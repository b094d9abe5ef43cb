namespace BetterHarness.Clustering.Engine;

/// <summary>What a re-clustering did; returned by <c>POST /api/clusters/recluster</c> and logged per run.</summary>
public sealed record ReclusterSummary
{
    public required int Failures { get; init; }
    public required int Signatures { get; init; }
    public required string Features { get; init; }
    public required int K { get; init; }
    public required double Silhouette { get; init; }
    /// <summary>Every k tried and its silhouette.</summary>
    public required IReadOnlyList<KScore> KTried { get; init; }
    public required int Kept { get; init; }
    public required int Emerged { get; init; }
    public required int Retired { get; init; }
    public required int Splits { get; init; }
    public required int Merges { get; init; }
    /// <summary>Failures whose cluster changed (or that got one).</summary>
    public required int Moved { get; init; }
    public required long DurationMs { get; init; }
    public bool DryRun { get; init; }
}

public sealed record KScore(int K, double Silhouette);
