namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>KMeans over all points with the chosen k.</summary>
/// <param name="Centroids">Unit-length centroids; empty ones dropped.</param>
/// <param name="Labels">For each input point, the index of its centroid.</param>
/// <param name="Silhouette">Mean silhouette of the chosen k on the sample.</param>
/// <param name="Tried">Every k tried with its silhouette: the evidence behind the choice.</param>
public sealed record GroupingResult(float[][] Centroids, int[] Labels, double Silhouette, IReadOnlyList<(int K, double Score)> Tried)
{
    public int K => Centroids.Length;
}
