namespace BetterHarness.Clustering.Domain.Trends;

/// <summary>A cluster's failures per bucket, oldest first, the last entry being the current bucket.</summary>
/// <param name="Counts">Exactly <see cref="TrendSettings.History"/> entries.</param>
/// <param name="FirstSeenBucket">Index into <paramref name="Counts"/> of the bucket of its first failure (negative when older).</param>
public sealed record TrendWindow(IReadOnlyList<int> Counts, int FirstSeenBucket);
