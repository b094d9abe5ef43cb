namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>
/// Groups the points by <see cref="GroupingSettings.Method"/>: average linkage cut at a distance
/// (<see cref="LinkageGrouper"/>, the default), or KMeans with k chosen by silhouette: the k with the highest
/// mean silhouette (cosine) among <see cref="GroupingSettings.MinClusters"/>..min(MaxClusters, √traces, distinct
/// signatures), each k fitted on a sample, the final KMeans over all points. Silhouette falls with k on diffuse
/// failures and so picks the minimum there; docs/clustering.md has the measurements.
/// </summary>
public static class Grouper
{
    public static GroupingResult Run(IReadOnlyList<WeightedPoint> points, GroupingSettings settings)
    {
        if (points.Count == 0) return new GroupingResult([], [], 0, []);
        if (points.Count == 1) return new GroupingResult([points[0].Vector], [0], 0, [(1, 0)]);
        return settings.Method == GroupingMethod.Linkage ? LinkageGrouper.Run(points, settings) : BySilhouette(points, settings);
    }

    private static GroupingResult BySilhouette(IReadOnlyList<WeightedPoint> points, GroupingSettings settings)
    {
        var traces = points.Sum(p => (long)p.Weight);
        var kMax = Math.Min(Math.Min(settings.MaxClusters, points.Count), Math.Max(2, (int)Math.Ceiling(Math.Sqrt(traces))));
        var kMin = Math.Min(Math.Max(1, settings.MinClusters), kMax);
        var sample = Sample(points, settings);
        var silhouette = new Silhouette(sample);
        var tried = new List<(int K, double Score)>();
        for (var k = kMin; k <= Math.Min(kMax, sample.Count); k++)
        {
            var centroids = KMeansFit.Centroids(sample, k, settings.Seed);
            var (compact, used) = Assign(sample, centroids);
            tried.Add((k, used < 2 ? 0 : silhouette.Score(compact, used)));
        }
        var best = tried.MaxBy(t => t.Score);
        var final = KMeansFit.Centroids(points, best.K, settings.Seed);
        var (labels, _) = Assign(points, final);
        // Assign renumbers labels to the centroids actually used, in index order; keep the centroids in that order.
        return new GroupingResult(UsedCentroids(points, final), labels, best.Score, tried);
    }

    /// <summary>Nearest centroid per point, labels renumbered 0..used-1 in order of first centroid index.</summary>
    private static (int[] Labels, int Used) Assign(IReadOnlyList<WeightedPoint> points, float[][] centroids)
    {
        var raw = points.Select(p => KMeansFit.Nearest(centroids, p.Vector).Index).ToArray();
        var map = raw.Distinct().Order().Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        return ([.. raw.Select(c => map[c])], map.Count);
    }

    private static float[][] UsedCentroids(IReadOnlyList<WeightedPoint> points, float[][] centroids)
    {
        var used = points.Select(p => KMeansFit.Nearest(centroids, p.Vector).Index).Distinct().Order();
        return [.. used.Select(c => centroids[c])];
    }

    internal static IReadOnlyList<WeightedPoint> Sample(IReadOnlyList<WeightedPoint> points, GroupingSettings settings)
    {
        if (points.Count <= settings.SampleSize) return points;
        var rng = new Random(settings.Seed);
        return [.. points.Select((p, i) => (p, key: rng.NextDouble())).OrderBy(x => x.key).Take(settings.SampleSize).Select(x => x.p)];
    }
}
