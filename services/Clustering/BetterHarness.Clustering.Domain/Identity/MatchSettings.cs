namespace BetterHarness.Clustering.Domain.Identity;

/// <param name="MinJaccard">Member overlap (|A∩B| / |A∪B|) at which a new group keeps an old id.</param>
/// <param name="MinCentroidSimilarity">Cosine between centroids at which a group with churned members
/// still keeps an old id that overlap did not claim.</param>
/// <param name="MinShare">Share of a cluster's members that counts as "went there" for splits and merges.</param>
public sealed record MatchSettings(double MinJaccard = 0.5, double MinCentroidSimilarity = 0.9, double MinShare = 0.25);
