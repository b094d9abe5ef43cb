namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>
/// A cluster's readable label: a short sentence (<see cref="LabelSentence"/>), the dominant signal kind and the terms
/// that set the cluster apart.
/// </summary>
public sealed record ClusterLabel(string DominantKind, IReadOnlyList<string> Terms, string Sentence = "")
{
    /// <summary>The label of the group of failures that resemble no other failure closely enough to form a cluster.</summary>
    public static ClusterLabel Outliers { get; } = new("outliers", [], "Failures unlike any cluster (outliers)");

    /// <summary>The keyword form: the dominant kind and the terms (what a label was before it was a sentence).</summary>
    public string Keywords => Terms.Count == 0 ? DominantKind : $"{DominantKind}: {string.Join(", ", Terms)}";

    /// <summary>What is shown and served as the label: the sentence, else the keyword form.</summary>
    public string Text => Sentence.Length > 0 ? Sentence : Keywords;
}
