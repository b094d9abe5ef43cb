namespace BetterHarness.Clustering.Domain.Reclustering;

/// <summary>One distinct signature with the traces that share it.</summary>
/// <param name="Embedding">Its MiniLM embedding; null only when the feature mode does not use embeddings.</param>
public sealed record SignaturePoint(string Hash, string Text, string DominantKind, float[]? Embedding, IReadOnlyList<string> Members);
