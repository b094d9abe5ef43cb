namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>A cluster's readable label: the dominant signal kind and the terms that set it apart.</summary>
public sealed record ClusterLabel(string DominantKind, IReadOnlyList<string> Terms)
{
    public string Text => Terms.Count == 0 ? DominantKind : $"{DominantKind}: {string.Join(", ", Terms)}";
}
