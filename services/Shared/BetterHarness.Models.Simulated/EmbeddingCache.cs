using System.Collections.Concurrent;
using BetterHarness.Text;

namespace BetterHarness.Models.Simulated;

/// <summary>
/// MiniLM vectors of every distinct text the simulation has seen. Rules, tool descriptions and conversation
/// texts repeat across trials and harness versions, and embedding is the simulation's only real cost.
/// </summary>
internal sealed class EmbeddingCache(ITextEmbedder embedder)
{
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public float[][] Get(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            if (_vectors.Count > MaxEntries) _vectors.Clear();
            var vectors = embedder.Embed(missing, cancellationToken);
            for (var i = 0; i < missing.Count; i++) _vectors[missing[i]] = vectors[i];
        }
        return texts.Select(t => _vectors.TryGetValue(t, out var v) ? v : embedder.Embed([t], cancellationToken)[0]).ToArray();
    }

    public static double Cosine(float[] a, float[] b)
    {
        var dot = 0f;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }
}
