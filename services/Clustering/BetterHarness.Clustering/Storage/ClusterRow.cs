namespace BetterHarness.Clustering.Storage;

/// <summary>A stored cluster. Terms and representatives are JSON arrays.</summary>
public sealed record ClusterRow(
    string Id, string Label, string DominantKind, string Terms, string Representatives, string Features, byte[] Centroid,
    long CreatedMs, long UpdatedMs, long? RetiredMs, long? LastSpikeBucket);
