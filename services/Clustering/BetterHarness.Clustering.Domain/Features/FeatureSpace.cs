namespace BetterHarness.Clustering.Domain.Features;

/// <summary>
/// Turns signature texts (and their cached embeddings) into the unit vectors KMeans sees, for one
/// <see cref="FeatureMode"/>. Fitted at each re-clustering (TF-IDF needs a corpus) and kept for online
/// assignment until the next one.
/// </summary>
public sealed class FeatureSpace
{
    private readonly TfIdfFeaturizer? _tfIdf;

    private FeatureSpace(FeatureMode mode, TfIdfFeaturizer? tfIdf) => (Mode, _tfIdf) = (mode, tfIdf);

    public FeatureMode Mode { get; }

    public static FeatureSpace Fit(FeatureMode mode, IReadOnlyList<string> corpus) =>
        new(mode, mode.NeedsTfIdf() ? TfIdfFeaturizer.Fit(corpus) : null);

    /// <param name="texts">Signature texts.</param>
    /// <param name="embeddings">Their embeddings, same order; required unless the mode is TF-IDF only.</param>
    public float[][] Vectors(IReadOnlyList<string> texts, IReadOnlyList<float[]>? embeddings)
    {
        if (Mode.NeedsEmbedding() && (embeddings is null || embeddings.Count != texts.Count))
            throw new ArgumentException("every text needs its embedding in this feature mode", nameof(embeddings));
        if (Mode == FeatureMode.Embedding) return [.. embeddings!];
        // Each half is unit length; scaling both by 1/sqrt(2) keeps the whole unit length and the halves equal.
        var half = 1f / MathF.Sqrt(2f);
        if (Mode == FeatureMode.Behaviour)
            return [.. texts.Select((t, i) => embeddings![i].Concat(BehaviourFeatures.Of(t)).Select(x => x * half).ToArray())];
        var tfIdf = _tfIdf!.Transform(texts);
        if (Mode == FeatureMode.TfIdf) return tfIdf;
        return [.. texts.Select((_, i) => embeddings![i].Concat(tfIdf[i]).Select(x => x * half).ToArray())];
    }
}
