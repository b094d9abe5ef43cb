using BetterHarness.Clustering.Domain.Labels;

namespace BetterHarness.Clustering.Domain.Reclustering;

/// <summary>A cluster as a re-clustering leaves it.</summary>
/// <param name="Representatives">Member traces whose signatures are closest to the centroid (one per signature).</param>
public sealed record ReclusteredCluster(
    string Id, float[] Centroid, ClusterLabel Label, IReadOnlyList<string> Representatives, IReadOnlyList<string> Members);
