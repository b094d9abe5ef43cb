using System.Text.Json;
using BetterHarness.Clustering.Domain.Trends;
using BetterHarness.Clustering.Storage;

namespace BetterHarness.Clustering.Api;

/// <summary>A cluster as the API shows it.</summary>
/// <param name="Trend">Failures per bucket, oldest first, the last being the current bucket.</param>
public sealed record ClusterView(
    string Id, string Label, string DominantSignal, IReadOnlyList<string> Terms, long Size, DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen, string Status, IReadOnlyList<int> Trend, string TrendBucket, IReadOnlyList<string> Representatives,
    DateTimeOffset UpdatedAt, DateTimeOffset? RetiredAt)
{
    public static ClusterView From(ClusterRow row, ClusterSize? size, TrendWindow? window, TrendSettings settings) => new(
        row.Id, row.Label, row.DominantKind, JsonSerializer.Deserialize<string[]>(row.Terms) ?? [], size?.Size ?? 0,
        size is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(size.FirstSeenMs),
        size is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(size.LastSeenMs),
        row.RetiredMs is not null ? "retired" : window is null ? TrendClassifier.Fading : TrendClassifier.Status(window, settings),
        window?.Counts ?? [], settings.Bucket.ToString("c"),
        JsonSerializer.Deserialize<string[]>(row.Representatives) ?? [],
        DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedMs),
        row.RetiredMs is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null);
}
