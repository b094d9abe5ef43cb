namespace BetterHarness.Clustering.Domain.Identity;

/// <summary>What a re-clustering did to cluster identities.</summary>
/// <param name="Kind">emerged (new id), split (an old cluster's members went to several clusters),
/// merged (a cluster took most members of several old ones), retired (an old id matched nothing).</param>
/// <param name="ClusterId">The cluster the event is about: the new one for emerged/merged, the old one for split/retired.</param>
/// <param name="Related">The other side: old clusters for emerged/merged, new ones for split.</param>
public sealed record ClusterEvent(string Kind, string ClusterId, IReadOnlyList<string> Related);
