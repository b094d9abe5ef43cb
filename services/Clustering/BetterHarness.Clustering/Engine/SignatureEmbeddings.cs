using System.Collections.Concurrent;
using BetterHarness.Clustering.Storage;
using BetterHarness.Text;

namespace BetterHarness.Clustering.Engine;

/// <summary>
/// Embeddings by signature hash: memory, then the store, then the model (≈180 texts/s, so each distinct
/// signature is embedded once, ever: the store keeps it across restarts).
/// </summary>
public sealed class SignatureEmbeddings(ITextEmbedder embedder, SignatureStore store)
{
    private readonly ConcurrentDictionary<string, float[]> _memory = new(StringComparer.Ordinal);
    private long _embedded;

    /// <summary>Texts the model has embedded since start (cache misses).</summary>
    public long Embedded => Interlocked.Read(ref _embedded);

    /// <summary>The embeddings already known (memory or store) of these hashes; never calls the model.</summary>
    public IReadOnlyDictionary<string, float[]> Cached(IEnumerable<string> hashes)
    {
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var hash in hashes.Distinct(StringComparer.Ordinal))
            if (_memory.TryGetValue(hash, out var v)) result[hash] = v; else missing.Add(hash);
        if (missing.Count == 0) return result;
        foreach (var (hash, stored) in store.Find(missing))
            if (stored.Embedding is { } e) result[hash] = _memory[hash] = e;
        return result;
    }

    public IReadOnlyDictionary<string, float[]> Get(IReadOnlyDictionary<string, string> textByHash, CancellationToken ct = default)
    {
        var result = new Dictionary<string, float[]>(Cached(textByHash.Keys), StringComparer.Ordinal);
        var toEmbed = textByHash.Keys.Where(h => !result.ContainsKey(h)).ToList();
        if (toEmbed.Count == 0) return result;
        var vectors = embedder.Embed([.. toEmbed.Select(h => textByHash[h])], ct);
        Interlocked.Add(ref _embedded, toEmbed.Count);
        store.SetEmbeddings(toEmbed.Select((h, i) => (h, vectors[i])));
        for (var i = 0; i < toEmbed.Count; i++) result[toEmbed[i]] = _memory[toEmbed[i]] = vectors[i];
        return result;
    }
}
