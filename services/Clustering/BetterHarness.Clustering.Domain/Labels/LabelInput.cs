namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>One distinct signature of a group: its text, dominant signal kind and how many traces share it.</summary>
public sealed record LabelInput(int Group, string Text, string DominantKind, int Weight);
