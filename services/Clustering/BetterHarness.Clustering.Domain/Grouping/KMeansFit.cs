using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace BetterHarness.Clustering.Domain.Grouping;

/// <summary>
/// ML.NET's KMeans (k-means++ initialisation) over weighted points. One thread and a fixed seed make it
/// deterministic, which is what lets unchanged data keep unchanged cluster ids.
/// </summary>
public static class KMeansFit
{
    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Weight { get; set; }
    }

    /// <returns>The k centroids, each scaled to unit length (assignment is by cosine).</returns>
    public static float[][] Centroids(IReadOnlyList<WeightedPoint> points, int k, int seed)
    {
        if (points.Count == 0) return [];
        k = Math.Clamp(k, 1, points.Count);
        var dims = points[0].Vector.Length;
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new Row { Features = p.Vector, Weight = p.Weight }), schema);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 200,
            OptimizationTolerance = 1e-5f,
        });
        VBuffer<float>[] centroids = default!;
        trainer.Fit(data).Model.GetClusterCentroids(ref centroids, out var found);
        return [.. centroids.Take(found).Select(c => Features.Vectors.Normalized(c.DenseValues().ToArray()))];
    }

    /// <summary>Index of the centroid most similar to <paramref name="vector"/>, and that cosine similarity.</summary>
    public static (int Index, float Similarity) Nearest(IReadOnlyList<float[]> centroids, ReadOnlySpan<float> vector)
    {
        var best = (Index: -1, Similarity: float.NegativeInfinity);
        for (var c = 0; c < centroids.Count; c++)
        {
            var s = Features.Vectors.Dot(centroids[c], vector);
            if (s > best.Similarity) best = (c, s);
        }
        return best;
    }
}
