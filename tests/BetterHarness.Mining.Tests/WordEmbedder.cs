using BetterHarness.Text;

namespace BetterHarness.Mining.Tests;

/// <summary>Deterministic stand-in for MiniLM: hashed bag of words, unit length. Same words → cosine 1.</summary>
internal sealed class WordEmbedder : ITextEmbedder
{
    public int Dimensions => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => texts.Select(Vector).ToArray();

    private float[] Vector(string text)
    {
        var v = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', '"', ':', '{', '}', '(', ')', '|'], StringSplitOptions.RemoveEmptyEntries))
            v[(int)((uint)StableHash(word) % Dimensions)] += 1;
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        if (norm > 0) for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s) h = unchecked(h * 31 + c);
        return h;
    }
}
