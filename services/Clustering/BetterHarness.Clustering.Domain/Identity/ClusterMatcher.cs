using BetterHarness.Clustering.Domain.Features;

namespace BetterHarness.Clustering.Domain.Identity;

/// <summary>
/// Gives the groups of a re-clustering ids: a group keeps an old id when it shares most members with it
/// (greedy by Jaccard, best pairs first), else when its centroid is very close to an unclaimed old one;
/// otherwise it gets a new id. Identical data gives identical groups, so every id is kept.
/// </summary>
public static class ClusterMatcher
{
    public static IdentityResult Match(
        IReadOnlyList<NewGroup> groups, IReadOnlyDictionary<string, string> previousAssignment,
        IReadOnlyDictionary<string, float[]> previousCentroids, MatchSettings settings, Func<string> newId)
    {
        var oldSizes = previousAssignment.Values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var overlap = groups.Select(g => g.Members.Where(previousAssignment.ContainsKey)
            .GroupBy(m => previousAssignment[m]).ToDictionary(x => x.Key, x => x.Count())).ToList();

        var ids = new string?[groups.Count];
        var claimed = new HashSet<string>();
        var pairs = overlap.SelectMany((o, g) => o.Select(kv => (g, old: kv.Key,
                jaccard: kv.Value / (double)(groups[g].Members.Count + oldSizes[kv.Key] - kv.Value))))
            .Where(p => p.jaccard >= settings.MinJaccard)
            .OrderByDescending(p => p.jaccard).ThenBy(p => p.old, StringComparer.Ordinal);
        foreach (var (g, old, _) in pairs)
            if (ids[g] is null && claimed.Add(old)) ids[g] = old;

        for (var g = 0; g < groups.Count; g++)
        {
            if (ids[g] is not null) continue;
            var best = previousCentroids.Where(c => !claimed.Contains(c.Key) && c.Value.Length == groups[g].Centroid.Length)
                .Select(c => (c.Key, sim: Vectors.Dot(c.Value, groups[g].Centroid)))
                .Where(c => c.sim >= settings.MinCentroidSimilarity).OrderByDescending(c => c.sim).FirstOrDefault();
            if (best.Key is not null && claimed.Add(best.Key)) ids[g] = best.Key;
        }

        var emerged = new HashSet<int>();
        var events = new List<ClusterEvent>();
        for (var g = 0; g < groups.Count; g++)
        {
            if (ids[g] is not null) continue;
            ids[g] = newId();
            emerged.Add(g);
            events.Add(new ClusterEvent("emerged", ids[g]!, Sources(overlap[g], oldSizes, settings)));
        }
        for (var g = 0; g < groups.Count; g++)
        {
            var sources = Sources(overlap[g], oldSizes, settings);
            if (sources.Count >= 2) events.Add(new ClusterEvent("merged", ids[g]!, sources));
        }
        foreach (var old in oldSizes.Keys.Order(StringComparer.Ordinal))
        {
            var targets = Enumerable.Range(0, groups.Count)
                .Where(g => overlap[g].TryGetValue(old, out var n) && n >= settings.MinShare * oldSizes[old]).Select(g => ids[g]!).ToList();
            if (targets.Count >= 2) events.Add(new ClusterEvent("split", old, targets));
        }
        var retired = previousCentroids.Keys.Union(oldSizes.Keys).Where(o => !claimed.Contains(o)).Order(StringComparer.Ordinal).ToList();
        events.AddRange(retired.Select(r => new ClusterEvent("retired", r, [])));
        return new IdentityResult(ids!, emerged, retired, events);
    }

    /// <summary>Old clusters that gave at least MinShare of their members to this group.</summary>
    private static IReadOnlyList<string> Sources(Dictionary<string, int> overlap, Dictionary<string, int> oldSizes, MatchSettings settings) =>
        overlap.Where(kv => kv.Value >= settings.MinShare * oldSizes[kv.Key]).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
}
