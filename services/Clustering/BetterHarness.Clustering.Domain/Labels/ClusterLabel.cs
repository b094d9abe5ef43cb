namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>A cluster's readable label: the dominant signal kind and the terms that set it apart.</summary>
public sealed record ClusterLabel(string DominantKind, IReadOnlyList<string> Terms)
{
    /// <summary>The label of the group of failures that resemble no other failure closely enough to form a cluster.</summary>
    public static ClusterLabel Outliers { get; } = new("outliers", []);

    public string Text => Terms.Count == 0 ? DominantKind : $"{DominantKind}: {string.Join(", ", Terms)}";
}
