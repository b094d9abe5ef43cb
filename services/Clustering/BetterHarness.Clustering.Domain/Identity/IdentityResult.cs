namespace BetterHarness.Clustering.Domain.Identity;

/// <param name="Ids">Id of each new group, same order as the groups given.</param>
/// <param name="Emerged">Indices of groups that got a fresh id.</param>
/// <param name="Retired">Old ids no group kept.</param>
/// <param name="Events">Emerged, split, merged and retired events.</param>
public sealed record IdentityResult(
    IReadOnlyList<string> Ids, IReadOnlySet<int> Emerged, IReadOnlyList<string> Retired, IReadOnlyList<ClusterEvent> Events);
