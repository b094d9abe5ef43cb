namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>One distinct signature as KMeans sees it: its unit feature vector and how many traces share it.</summary>
public sealed record WeightedPoint(float[] Vector, int Weight);
