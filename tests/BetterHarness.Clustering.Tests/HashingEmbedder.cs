using BetterHarness.Text;

namespace BetterHarness.Clustering.Tests;

/// <summary>
/// A deterministic stand-in for MiniLM in service tests: each word adds to one hashed dimension, so texts
/// sharing words are similar. Keeps consumer tests fast and independent of the model.
/// </summary>
public sealed class HashingEmbedder : ITextEmbedder
{
    public int Dimensions => 384;

    public int Calls { get; private set; }

    /// <summary>Every text embedded, in order.</summary>
    public List<string> Texts { get; } = [];

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Calls += texts.Count;
        lock (Texts) Texts.AddRange(texts);
        return [.. texts.Select(Vector)];
    }

    private float[] Vector(string text)
    {
        var v = new float[Dimensions];
        foreach (var word in text.Split([' ', '\n', ':', ',', '|'], StringSplitOptions.RemoveEmptyEntries))
            v[(int)((uint)string.GetHashCode(word, StringComparison.Ordinal) % Dimensions)] += 1;
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm == 0 ? v : [.. v.Select(x => x / norm)];
    }
}
