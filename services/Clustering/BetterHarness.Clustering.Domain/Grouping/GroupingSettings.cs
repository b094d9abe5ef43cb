namespace BetterHarness.Clustering.Domain.Grouping;

/// <param name="MinClusters">Smallest k tried.</param>
/// <param name="MaxClusters">Largest k tried (also capped at √traces and the number of distinct signatures).</param>
/// <param name="SampleSize">Distinct signatures the silhouette is computed on when choosing k.</param>
/// <param name="Seed">KMeans and sampling seed: same data, same seed, same clusters.</param>
public sealed record GroupingSettings(int MinClusters = 2, int MaxClusters = 50, int SampleSize = 1500, int Seed = 7);
