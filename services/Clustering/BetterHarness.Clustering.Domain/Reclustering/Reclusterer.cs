using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Grouping;
using BetterHarness.Clustering.Domain.Identity;
using BetterHarness.Clustering.Domain.Labels;

namespace BetterHarness.Clustering.Domain.Reclustering;

/// <summary>
/// A full re-clustering: features for every distinct signature → groups (<see cref="Grouper"/>) →
/// ids matched to the previous clusters → labels and representatives. Pure: storing is the caller's job.
/// </summary>
public static class Reclusterer
{
    private const int Representatives = 3;

    public static ReclusterOutcome Run(ReclusterInput input, Func<string> newId)
    {
        // Sorted by hash so the same data always reaches KMeans in the same order.
        var points = input.Points.OrderBy(p => p.Hash, StringComparer.Ordinal).ToList();
        var texts = points.Select(p => p.Text).ToList();
        var space = FeatureSpace.Fit(input.Mode, texts);
        var vectors = space.Vectors(texts, input.Mode.NeedsEmbedding() ? points.Select(p => p.Embedding!).ToList() : null);
        var grouping = Grouper.Run([.. vectors.Select((v, i) => new WeightedPoint(v, points[i].Members.Count))], input.Grouping);

        var byGroup = Enumerable.Range(0, grouping.K).Select(g => Enumerable.Range(0, points.Count).Where(i => grouping.Labels[i] == g).ToList()).ToList();
        var groups = byGroup.Select((idx, g) => new NewGroup(
            [.. idx.SelectMany(i => points[i].Members).Order(StringComparer.Ordinal)], grouping.Centroids[g])).ToList();
        var identity = ClusterMatcher.Match(groups, input.PreviousAssignment, input.PreviousCentroids, input.Matching, newId);
        var labels = ClusterLabeler.Label(
            [.. points.Select((p, i) => new LabelInput(grouping.Labels[i], p.Text, p.DominantKind, p.Members.Count,
                Vectors.Dot(vectors[i], grouping.Centroids[grouping.Labels[i]])))], grouping.K)
            .Select((l, g) => g == grouping.OutlierGroup ? ClusterLabel.Outliers : l).ToList();

        var clusters = byGroup.Select((idx, g) => new ReclusteredCluster(identity.Ids[g], grouping.Centroids[g], labels[g],
            [.. idx.OrderByDescending(i => Vectors.Dot(vectors[i], grouping.Centroids[g])).ThenBy(i => points[i].Hash, StringComparer.Ordinal)
                .Take(Representatives).Select(i => points[i].Members.Min(StringComparer.Ordinal)!)],
            groups[g].Members)).ToList();
        return new ReclusterOutcome(space, clusters, identity, grouping);
    }
}
