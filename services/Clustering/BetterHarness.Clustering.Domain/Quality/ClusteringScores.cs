namespace BetterHarness.Clustering.Domain.Quality;

/// <summary>
/// External clustering scores against reference labels. Purity: share of items whose cluster's majority
/// label is theirs (1 with singletons, so read it with inverse purity). Inverse purity: the same with the
/// roles swapped (1 with one big cluster). Adjusted Rand index: pair agreement corrected for chance
/// (0 = random, 1 = identical partitions).
/// </summary>
public sealed record ClusteringScores(double AdjustedRand, double Purity, double InversePurity, int Items, int Clusters, int Labels)
{
    public static ClusteringScores Score(IReadOnlyList<(string Cluster, string Label)> items)
    {
        var n = items.Count;
        if (n == 0) return new ClusteringScores(0, 0, 0, 0, 0, 0);
        var table = items.GroupBy(i => (i.Cluster, i.Label)).ToDictionary(g => g.Key, g => (double)g.Count());
        var clusters = items.GroupBy(i => i.Cluster).ToDictionary(g => g.Key, g => (double)g.Count());
        var labels = items.GroupBy(i => i.Label).ToDictionary(g => g.Key, g => (double)g.Count());
        var purity = clusters.Keys.Sum(c => table.Where(t => t.Key.Cluster == c).Max(t => t.Value)) / n;
        var inverse = labels.Keys.Sum(l => table.Where(t => t.Key.Label == l).Max(t => t.Value)) / n;
        static double Pairs(double x) => x * (x - 1) / 2;
        var index = table.Values.Sum(Pairs);
        var a = clusters.Values.Sum(Pairs);
        var b = labels.Values.Sum(Pairs);
        var expected = a * b / Pairs(n);
        var max = (a + b) / 2;
        var ari = max - expected == 0 ? (index == expected ? 1 : 0) : (index - expected) / (max - expected);
        return new ClusteringScores(ari, purity, inverse, n, clusters.Count, labels.Count);
    }
}
