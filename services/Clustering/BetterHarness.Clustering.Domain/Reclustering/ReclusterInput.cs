using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Grouping;
using BetterHarness.Clustering.Domain.Identity;

namespace BetterHarness.Clustering.Domain.Reclustering;

/// <param name="Points">Every distinct signature of the failures to cluster.</param>
/// <param name="PreviousAssignment">traceId → cluster id before this run (for identity matching).</param>
/// <param name="PreviousCentroids">cluster id → centroid, when they live in the same feature space.</param>
public sealed record ReclusterInput(
    IReadOnlyList<SignaturePoint> Points, IReadOnlyDictionary<string, string> PreviousAssignment,
    IReadOnlyDictionary<string, float[]> PreviousCentroids, FeatureMode Mode, GroupingSettings Grouping, MatchSettings Matching);
