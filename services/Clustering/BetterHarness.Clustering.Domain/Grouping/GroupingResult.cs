namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>The groups of one re-clustering.</summary>
/// <param name="Centroids">Unit-length centroids; empty ones dropped. The outlier group's is the zero vector, so it takes
/// no online assignments (its members resemble nothing else, nor each other).</param>
/// <param name="Labels">For each input point, the index of its centroid.</param>
/// <param name="Silhouette">Mean silhouette of the result on the sample.</param>
/// <param name="Tried">Every k tried with its silhouette (KMeans method): the evidence behind the choice.</param>
/// <param name="OutlierGroup">Index of the outlier group, when there is one.</param>
public sealed record GroupingResult(
    float[][] Centroids, int[] Labels, double Silhouette, IReadOnlyList<(int K, double Score)> Tried, int? OutlierGroup = null)
{
    public int K => Centroids.Length;
}
