namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>
/// Weighted mean silhouette with cosine distance over a precomputed distance matrix, so trying many k on
/// one sample costs one O(n²·d) matrix and O(n²) per k. A point standing for w traces counts w times.
/// </summary>
public sealed class Silhouette
{
    private readonly float[,] _distance;
    private readonly int[] _weights;

    public Silhouette(IReadOnlyList<WeightedPoint> sample)
    {
        var n = sample.Count;
        _weights = [.. sample.Select(p => p.Weight)];
        _distance = new float[n, n];
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                _distance[i, j] = _distance[j, i] = 1f - Features.Vectors.Dot(sample[i].Vector, sample[j].Vector);
    }

    public double Score(int[] labels, int k)
    {
        var n = labels.Length;
        var clusterWeight = new double[k];
        for (var i = 0; i < n; i++) clusterWeight[labels[i]] += _weights[i];
        double total = 0, weightSum = 0;
        var sums = new double[k];
        for (var i = 0; i < n; i++)
        {
            Array.Clear(sums);
            // Copies of point i itself sit at distance 0, so they add weight but no distance.
            for (var j = 0; j < n; j++) if (j != i) sums[labels[j]] += _weights[j] * _distance[i, j];
            var own = labels[i];
            var s = 0.0;
            if (clusterWeight[own] > 1)
            {
                var a = sums[own] / (clusterWeight[own] - 1);
                var b = double.PositiveInfinity;
                for (var c = 0; c < k; c++) if (c != own && clusterWeight[c] > 0) b = Math.Min(b, sums[c] / clusterWeight[c]);
                if (!double.IsInfinity(b) && Math.Max(a, b) > 0) s = (b - a) / Math.Max(a, b);
            }
            total += s * _weights[i];
            weightSum += _weights[i];
        }
        return weightSum == 0 ? 0 : total / weightSum;
    }
}
