using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Grouping;

namespace BetterHarness.Clustering.Engine;

/// <summary>The current clusters as online assignment sees them: the feature space of the last re-clustering and its centroids.</summary>
public sealed record OnlineModel(FeatureSpace Space, IReadOnlyList<string> Ids, IReadOnlyList<float[]> Centroids)
{
    public (string? ClusterId, float Similarity) Nearest(float[] vector)
    {
        if (Ids.Count == 0) return (null, 0);
        var (index, similarity) = KMeansFit.Nearest(Centroids, vector);
        return (Ids[index], similarity);
    }
}
