namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>How failures are grouped. docs/clustering.md has the measured comparison of the methods.</summary>
/// <param name="MinClusters">Smallest k tried (<see cref="GroupingMethod.Silhouette"/> only).</param>
/// <param name="MaxClusters">Largest k tried (also capped at √traces and the number of distinct signatures;
/// <see cref="GroupingMethod.Silhouette"/> only).</param>
/// <param name="SampleSize">Distinct signatures the silhouette or the linkage is computed on; the rest join the nearest group.</param>
/// <param name="Seed">KMeans and sampling seed: same data, same seed, same clusters.</param>
/// <param name="Method">Average linkage cut at <paramref name="MaxDistance"/> (default), or KMeans with k by silhouette.</param>
/// <param name="MaxDistance">Cosine distance at which average linkage stops merging: groups whose traces are on average
/// less similar than 1 − this stay apart.</param>
/// <param name="Refine">Linkage picks the number of groups, KMeans with that k draws the borders.</param>
/// <param name="Center">Cut on vectors centred on the sample mean (what sets signatures apart, not what they share).</param>
/// <param name="Absorb">A failure of a too-small group joins the nearest kept group when its cosine similarity to that
/// group's centroid is at least 1 − <paramref name="MaxDistance"/>; off: small groups all go to the outlier group.</param>
/// <param name="MinClusterSize">Groups with fewer traces than this go to one outlier group that takes no online assignments.</param>
public sealed record GroupingSettings(
    int MinClusters = 2, int MaxClusters = 50, int SampleSize = 1500, int Seed = 7,
    GroupingMethod Method = GroupingMethod.Linkage, double MaxDistance = 0.3, int MinClusterSize = 3, bool Refine = true, bool Center = false,
    bool Absorb = true);

/// <summary>How the number of groups is decided.</summary>
public enum GroupingMethod
{
    /// <summary>Average-linkage agglomeration cut at a distance, small groups pooled as outliers.</summary>
    Linkage,
    /// <summary>KMeans, k with the highest mean silhouette.</summary>
    Silhouette,
}
