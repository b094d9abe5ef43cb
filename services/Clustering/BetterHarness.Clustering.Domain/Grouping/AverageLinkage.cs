namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>
/// Agglomerative clustering with average linkage (UPGMA, each point weighted by its trace count) over cosine
/// distance, cut at a distance: two groups merge while the mean distance between their traces is at most the
/// cut. The number of groups is whatever the data gives at that cut, not a k chosen in advance.
/// Nearest-neighbour chain: O(n²) time over an n×n matrix, and the same dendrogram as the textbook O(n³)
/// algorithm (average linkage is reducible), so the cut is exact.
/// </summary>
public static class AverageLinkage
{
    /// <returns>For each point, its group 0..g-1, numbered in order of each group's first point.</returns>
    public static int[] Cut(IReadOnlyList<WeightedPoint> points, double maxDistance)
    {
        var n = points.Count;
        if (n == 0) return [];
        var distance = Distances(points);
        var weight = points.Select(p => (double)Math.Max(1, p.Weight)).ToArray();
        var active = Enumerable.Repeat(true, n).ToArray();
        var parent = Enumerable.Range(0, n).ToArray();
        var chain = new List<int>(n);
        for (var remaining = n; remaining > 1;)
        {
            if (chain.Count == 0) chain.Add(Array.IndexOf(active, true));
            var a = chain[^1];
            var previous = chain.Count >= 2 ? chain[^2] : -1;
            var (b, d) = Nearest(distance, active, n, a, previous);
            if (b != previous) { chain.Add(b); continue; }
            chain.RemoveRange(chain.Count - 2, 2);
            if (d <= maxDistance) parent[Find(parent, b)] = Find(parent, a);
            Merge(distance, weight, active, n, a, b);
            remaining--;
        }
        var roots = new Dictionary<int, int>();
        return [.. Enumerable.Range(0, n).Select(i => Find(parent, i)).Select(r => roots.TryGetValue(r, out var g) ? g : roots[r] = roots.Count)];
    }

    /// <summary>Nearest active point to <paramref name="a"/>; ties go to the chain's previous point so the chain closes.</summary>
    private static (int Index, float Distance) Nearest(float[] distance, bool[] active, int n, int a, int previous)
    {
        var best = previous;
        var bestDistance = previous >= 0 ? distance[a * n + previous] : float.PositiveInfinity;
        for (var c = 0; c < n; c++)
        {
            if (!active[c] || c == a) continue;
            var dc = distance[a * n + c];
            if (dc < bestDistance) (best, bestDistance) = (c, dc);
        }
        return (best, bestDistance);
    }

    /// <summary>b joins a; Lance–Williams update for average linkage.</summary>
    private static void Merge(float[] distance, double[] weight, bool[] active, int n, int a, int b)
    {
        var (wa, wb) = (weight[a], weight[b]);
        for (var k = 0; k < n; k++)
        {
            if (!active[k] || k == a || k == b) continue;
            var merged = (float)((wa * distance[a * n + k] + wb * distance[b * n + k]) / (wa + wb));
            distance[a * n + k] = distance[k * n + a] = merged;
        }
        weight[a] = wa + wb;
        active[b] = false;
    }

    private static float[] Distances(IReadOnlyList<WeightedPoint> points)
    {
        var n = points.Count;
        var distance = new float[n * n];
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                distance[i * n + j] = distance[j * n + i] = 1f - Features.Vectors.Dot(points[i].Vector, points[j].Vector);
        return distance;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
}
