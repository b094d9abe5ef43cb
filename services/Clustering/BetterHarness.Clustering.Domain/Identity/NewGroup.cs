namespace BetterHarness.Clustering.Domain.Identity;

/// <summary>A group found by a re-clustering, before it has an id.</summary>
public sealed record NewGroup(IReadOnlyList<string> Members, float[] Centroid);
