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
    /// <summary>MiniLM embedding and the signature's structure (signal kinds, error types, the agent's last move and
    /// the tools it acted on, <see cref="BehaviourFeatures"/>), each half weighted equally.</summary>
    Behaviour,
}

public static class FeatureModes
{
    public static bool TryParse(string? value, out FeatureMode mode) =>
        Enum.TryParse(value?.Replace("-", "", StringComparison.Ordinal).Replace("behavior", "behaviour", StringComparison.OrdinalIgnoreCase),
            ignoreCase: true, out mode) && Enum.IsDefined(mode);

    public static bool NeedsEmbedding(this FeatureMode mode) => mode != FeatureMode.TfIdf;

    public static bool NeedsTfIdf(this FeatureMode mode) => mode is FeatureMode.TfIdf or FeatureMode.Combined;

    public static string Name(this FeatureMode mode) => mode.ToString().ToLowerInvariant();
}
