using BetterHarness.Text;

namespace BetterHarness.Curation.Evals;

/// <summary>
/// MiniLM vectors of cases' situation texts, computed before a write transaction opens (embedding takes ≈5 ms a text
/// and must not hold the store's write lock); <see cref="Get"/> computes a text that changed in between.
/// </summary>
public sealed class SituationVectors(ITextEmbedder embedder)
{
    public IReadOnlyDictionary<string, float[]> Prepare(IEnumerable<string> texts)
    {
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        var vectors = distinct.Count == 0 ? [] : embedder.Embed(distinct);
        return distinct.Zip(vectors).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    public float[] Get(IReadOnlyDictionary<string, float[]> prepared, string text) =>
        prepared.TryGetValue(text, out var vector) ? vector : embedder.Embed([text])[0];
}
