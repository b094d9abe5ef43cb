using BetterHarness.Clustering.Domain.Features;

namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>
/// Average linkage cut at <see cref="GroupingSettings.MaxDistance"/> on a sample of distinct signatures decides how
/// many groups there are; every point then joins the nearest group, and a few weighted Lloyd (k-means) steps seeded
/// with those groups draw the borders. Groups smaller than <see cref="GroupingSettings.MinClusterSize"/> traces are
/// pooled into one outlier group: a failure that resembles nothing else is worth a look, not a cluster of its own.
/// The cut is made on the vectors as they are; centring them on the sample's mean first (<see cref="GroupingSettings.Center"/>)
/// is an option, off by default: it turns one noisy mode into many groups (docs/clustering.md).
/// </summary>
public static class LinkageGrouper
{
    private const int LloydSteps = 20;

    public static GroupingResult Run(IReadOnlyList<WeightedPoint> points, GroupingSettings settings)
    {
        var sample = Grouper.Sample(points, settings);
        var sampleLabels = AverageLinkage.Cut(settings.Center ? Centered(sample) : sample, settings.MaxDistance);
        var centroids = Centroids(sample, sampleLabels, sampleLabels.Max() + 1);
        var labels = Nearest(points, centroids);
        var weights = Weights(points, labels, centroids.Length);
        var kept = Enumerable.Range(0, points.Count).Where(i => weights[labels[i]] >= settings.MinClusterSize).ToList();
        if (settings.Refine) Refine(points, kept, labels, centroids);

        // Renumber: kept groups in order of first appearance, then the outlier group last.
        weights = Weights(points, labels, centroids.Length);
        var map = new Dictionary<int, int>();
        foreach (var g in labels.Where(g => weights[g] >= settings.MinClusterSize)) map.TryAdd(g, map.Count);
        int? outliers = labels.Any(g => !map.ContainsKey(g)) ? map.Count : null;
        var final = labels.Select(g => map.TryGetValue(g, out var m) ? m : outliers!.Value).ToArray();
        var groups = map.Count + (outliers is null ? 0 : 1);
        var finalCentroids = Centroids(points, final, groups);
        if (outliers is { } o) finalCentroids[o] = new float[points[0].Vector.Length];
        var index = new Dictionary<WeightedPoint, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < points.Count; i++) index[points[i]] = i;
        var silhouette = new Silhouette(sample).Score([.. sample.Select(p => final[index[p]])], groups);
        return new GroupingResult(finalCentroids, final, silhouette, [(groups, silhouette)], outliers);
    }

    /// <summary>Weighted Lloyd steps over the kept points, seeded with the linkage groups (deterministic, no restarts).</summary>
    private static void Refine(IReadOnlyList<WeightedPoint> points, IReadOnlyList<int> kept, int[] labels, float[][] centroids)
    {
        var keptGroups = kept.Select(i => labels[i]).Distinct().Order().ToArray();
        if (keptGroups.Length < 2) return;
        for (var step = 0; step < LloydSteps; step++)
        {
            var seeds = keptGroups.Select(g => centroids[g]).ToArray();
            var changed = false;
            foreach (var i in kept)
            {
                var g = keptGroups[KMeansFit.Nearest(seeds, points[i].Vector).Index];
                changed |= g != labels[i];
                labels[i] = g;
            }
            if (!changed) return;
            var updated = Centroids(points, labels, centroids.Length);
            foreach (var g in keptGroups) if (updated[g].Any(x => x != 0)) centroids[g] = updated[g];
        }
    }

    private static IReadOnlyList<WeightedPoint> Centered(IReadOnlyList<WeightedPoint> points)
    {
        var mean = Centroids(points, new int[points.Count], 1, normalize: false)[0];
        return [.. points.Select(p => new WeightedPoint(Vectors.Normalized(p.Vector.Select((x, d) => x - mean[d]).ToArray()), p.Weight))];
    }

    private static int[] Nearest(IReadOnlyList<WeightedPoint> points, float[][] centroids) =>
        [.. points.Select(p => KMeansFit.Nearest(centroids, p.Vector).Index)];

    private static double[] Weights(IReadOnlyList<WeightedPoint> points, int[] labels, int groups)
    {
        var weights = new double[groups];
        for (var i = 0; i < points.Count; i++) weights[labels[i]] += Math.Max(1, points[i].Weight);
        return weights;
    }

    private static float[][] Centroids(IReadOnlyList<WeightedPoint> points, int[] labels, int groups, bool normalize = true)
    {
        var dims = points[0].Vector.Length;
        var sums = Enumerable.Range(0, groups).Select(_ => new float[dims]).ToArray();
        var totals = new float[groups];
        for (var i = 0; i < points.Count; i++)
        {
            var w = Math.Max(1, points[i].Weight);
            totals[labels[i]] += w;
            var v = points[i].Vector;
            for (var d = 0; d < dims; d++) sums[labels[i]][d] += w * v[d];
        }
        if (!normalize) return [.. sums.Select((s, g) => s.Select(x => totals[g] > 0 ? x / totals[g] : 0).ToArray())];
        return [.. sums.Select(s => Vectors.Normalized(s))];
    }
}
