namespace BetterHarness.Text;

/// <summary>Turns texts into unit-length vectors whose dot product is their cosine similarity.</summary>
public interface ITextEmbedder
{
    int Dimensions { get; }

    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
