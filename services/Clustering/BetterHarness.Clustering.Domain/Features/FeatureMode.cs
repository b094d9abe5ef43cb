namespace BetterHarness.Clustering.Domain.Features;

/// <summary>Which features describe a signature for KMeans. docs/clustering.md has the measured comparison.</summary>
public enum FeatureMode
{
    /// <summary>MiniLM sentence embedding of the signature text (384 dims).</summary>
    Embedding,
    /// <summary>ML.NET FeaturizeText TF-IDF word bag, hashed down to a fixed number of dims.</summary>
    TfIdf,
    /// <summary>Both, each half weighted equally.</summary>
    Combined,
}

public static class FeatureModes
{
    public static bool TryParse(string? value, out FeatureMode mode) =>
        Enum.TryParse(value?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out mode) && Enum.IsDefined(mode);

    public static bool NeedsEmbedding(this FeatureMode mode) => mode != FeatureMode.TfIdf;

    public static bool NeedsTfIdf(this FeatureMode mode) => mode != FeatureMode.Embedding;

    public static string Name(this FeatureMode mode) => mode.ToString().ToLowerInvariant();
}
