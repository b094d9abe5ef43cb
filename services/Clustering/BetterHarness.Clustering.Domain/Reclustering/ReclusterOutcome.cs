using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Grouping;
using BetterHarness.Clustering.Domain.Identity;

namespace BetterHarness.Clustering.Domain.Reclustering;

/// <param name="Space">The fitted feature space, kept for online assignment until the next run.</param>
public sealed record ReclusterOutcome(
    FeatureSpace Space, IReadOnlyList<ReclusteredCluster> Clusters, IdentityResult Identity, GroupingResult Grouping)
{
    public IEnumerable<(string TraceId, string ClusterId)> Assignments =>
        Clusters.SelectMany(c => c.Members.Select(m => (m, c.Id)));
}
