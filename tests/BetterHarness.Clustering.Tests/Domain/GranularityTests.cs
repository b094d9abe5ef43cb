using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Grouping;

namespace BetterHarness.Clustering.Tests.Domain;

/// <summary>The number of clusters comes from the data: separated modes give that many, one mode gives one.</summary>
public sealed class GranularityTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    public void Separated_modes_give_that_many_clusters(int modes)
    {
        var (points, truth) = Modes(modes, perMode: 12, noise: 0.15f, seed: modes);

        var result = Grouper.Run(points, new GroupingSettings());

        Assert.Equal(modes, result.K);
        Assert.Null(result.OutlierGroup);
        for (var i = 0; i < points.Count; i++)
            for (var j = 0; j < points.Count; j++)
                Assert.Equal(truth[i] == truth[j], result.Labels[i] == result.Labels[j]);
    }

    [Fact]
    public void Kmeans_by_silhouette_cannot_say_one_mode_but_linkage_can()
    {
        var (points, _) = Modes(1, perMode: 30, noise: 0.2f, seed: 3);

        Assert.True(Grouper.Run(points, new GroupingSettings(Method: GroupingMethod.Silhouette)).K >= 2);
        Assert.Equal(1, Grouper.Run(points, new GroupingSettings()).K);
    }

    [Fact]
    public void Failures_like_no_other_are_pooled_as_outliers_that_take_no_online_assignments()
    {
        var (points, _) = Modes(3, perMode: 10, noise: 0.1f, seed: 11);
        var (strays, _) = Modes(4, perMode: 1, noise: 0f, seed: 99, firstAxis: 3);
        var all = points.Concat(strays).ToList();

        var result = Grouper.Run(all, new GroupingSettings());

        Assert.Equal(4, result.K);
        var outliers = Assert.IsType<int>(result.OutlierGroup);
        Assert.All(Enumerable.Range(points.Count, strays.Count), i => Assert.Equal(outliers, result.Labels[i]));
        Assert.All(result.Centroids[outliers], x => Assert.Equal(0f, x));
        // Online assignment needs a positive similarity (AssignThreshold): the zero centroid never reaches it.
        Assert.All(strays, s => Assert.Equal(0f, Vectors.Dot(result.Centroids[outliers], s.Vector)));
    }

    [Fact]
    public void A_stray_within_the_cut_of_a_cluster_centroid_joins_it_one_like_nothing_stays_an_outlier()
    {
        // Six members pairwise 0.8 alike (within the 0.3 cut). The near stray is on average only 0.67 alike to them, so
        // linkage leaves it alone, but 0.73 alike to their centroid (≥ 1 − 0.3); the far stray is like nothing.
        var group = Enumerable.Range(1, 6).Select(k => Point((0, 1f), (k, 0.5f))).ToList();
        var near = Point((0, 1f), (7, MathF.Sqrt(0.8f)));
        var far = Point((20, 1f));
        List<WeightedPoint> all = [.. group, near, far];

        var result = Grouper.Run(all, new GroupingSettings());
        var pooled = Grouper.Run(all, new GroupingSettings(Absorb: false));

        Assert.Equal(2, result.K);
        Assert.Equal(result.Labels[0], result.Labels[6]);
        Assert.Equal(result.OutlierGroup, result.Labels[7]);
        Assert.Equal(pooled.OutlierGroup, pooled.Labels[6]);
        Assert.Equal(pooled.OutlierGroup, pooled.Labels[7]);
    }

    private static WeightedPoint Point(params (int Axis, float Value)[] parts)
    {
        var v = new float[24];
        foreach (var (axis, value) in parts) v[axis] = value;
        return new WeightedPoint(Vectors.Normalized(v), 1);
    }

    [Fact]
    public void Average_linkage_cut_matches_the_textbook_algorithm()
    {
        var rng = new Random(5);
        var points = Enumerable.Range(0, 40).Select(_ => new WeightedPoint(Unit(rng, 8), rng.Next(1, 4))).ToList();
        foreach (var cut in new[] { 0.3, 0.6, 0.9, 1.2 })
            Assert.Equal(Partition(Naive(points, cut)), Partition(AverageLinkage.Cut(points, cut)));
    }

    /// <summary>O(n³): always merge the closest pair of groups (weighted mean distance) while it is within the cut.</summary>
    private static int[] Naive(IReadOnlyList<WeightedPoint> points, double cut)
    {
        var groups = points.Select((_, i) => new List<int> { i }).ToList();
        while (groups.Count > 1)
        {
            var best = (a: -1, b: -1, d: double.MaxValue);
            for (var a = 0; a < groups.Count; a++)
                for (var b = a + 1; b < groups.Count; b++)
                {
                    double sum = 0, weight = 0;
                    foreach (var i in groups[a])
                        foreach (var j in groups[b])
                        {
                            var w = (double)points[i].Weight * points[j].Weight;
                            sum += w * (1 - Vectors.Dot(points[i].Vector, points[j].Vector));
                            weight += w;
                        }
                    if (sum / weight < best.d) best = (a, b, sum / weight);
                }
            if (best.d > cut) break;
            groups[best.a].AddRange(groups[best.b]);
            groups.RemoveAt(best.b);
        }
        var labels = new int[points.Count];
        for (var g = 0; g < groups.Count; g++) foreach (var i in groups[g]) labels[i] = g;
        return labels;
    }

    private static string Partition(int[] labels) =>
        string.Join('|', labels.Select((l, i) => (l, i)).GroupBy(x => x.l).Select(g => string.Join(',', g.Select(x => x.i))).Order());

    private static (List<WeightedPoint> Points, List<int> Truth) Modes(int modes, int perMode, float noise, int seed, int firstAxis = 0)
    {
        var rng = new Random(seed);
        var points = new List<WeightedPoint>();
        var truth = new List<int>();
        for (var m = 0; m < modes; m++)
            for (var k = 0; k < perMode; k++)
            {
                var v = new float[24];
                v[firstAxis + m] = 1f;
                for (var d = 0; d < v.Length; d++) v[d] += noise * (float)(rng.NextDouble() * 2 - 1);
                points.Add(new WeightedPoint(Vectors.Normalized(v), 1 + rng.Next(3)));
                truth.Add(m);
            }
        return (points, truth);
    }

    private static float[] Unit(Random rng, int dims) =>
        Vectors.Normalized([.. Enumerable.Range(0, dims).Select(_ => (float)(rng.NextDouble() * 2 - 1))]);
}
