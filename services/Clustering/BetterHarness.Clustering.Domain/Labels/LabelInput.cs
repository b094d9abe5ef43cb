namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>One distinct signature of a group: its text, dominant signal kind and how many traces share it.</summary>
/// <param name="Closeness">How close it is to its group's centre (higher is closer): the sentence reads the closest first.</param>
public sealed record LabelInput(int Group, string Text, string DominantKind, int Weight, double Closeness = 0);
