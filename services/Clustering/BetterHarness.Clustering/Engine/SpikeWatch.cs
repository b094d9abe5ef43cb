using BetterHarness.Clustering.Domain.Trends;
using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Engine;

/// <summary>Checks clusters that just grew for a spike in the current bucket; each bucket alerts once.</summary>
public sealed class SpikeWatch(ClusterQueries queries, ClusterStore clusters, IOptions<ClusteringOptions> options, TimeProvider time)
{
    public TrendSettings Settings => new(options.Value.TrendBucket, SpikeFactor: options.Value.SpikeFactor, SpikeMinCount: options.Value.SpikeMinCount);

    /// <summary>The spikes found (each stored with its alert in the outbox).</summary>
    public IReadOnlyList<FailureClusterSpiking> Check(IReadOnlyList<string> clusterIds)
    {
        if (clusterIds.Count == 0) return [];
        var settings = Settings;
        var now = time.GetUtcNow();
        var windows = Windows(clusterIds, settings, now.ToUnixTimeMilliseconds(), out var current);
        var alerts = new List<FailureClusterSpiking>();
        foreach (var (id, window) in windows)
        {
            if (TrendClassifier.Spike(window, settings) is not { } baseline) continue;
            var alert = new FailureClusterSpiking
            {
                ClusterId = id, Label = clusters.Find(id)?.Label ?? id, Count = window.Counts[^1], Baseline = Math.Round(baseline, 2),
                BucketStart = DateTimeOffset.FromUnixTimeMilliseconds(current * (long)settings.Bucket.TotalMilliseconds),
                BucketLength = settings.Bucket, DetectedAt = now,
            };
            if (clusters.MarkSpike(id, current, alert)) alerts.Add(alert);
        }
        return alerts;
    }

    /// <summary>The last <see cref="TrendSettings.History"/> buckets (ending at now's) of each cluster.</summary>
    public IReadOnlyDictionary<string, TrendWindow> Windows(IReadOnlyList<string>? clusterIds, TrendSettings settings, long nowMs, out long current)
    {
        var bucketMs = (long)settings.Bucket.TotalMilliseconds;
        current = nowMs / bucketMs;
        var first = current - settings.History + 1;
        var sizes = clusterIds is { Count: 1 } ? queries.Sizes(clusterIds[0]) : queries.Sizes();
        var counts = queries.Buckets(first * bucketMs, bucketMs, clusterIds).ToLookup(b => b.ClusterId);
        var result = new Dictionary<string, TrendWindow>(StringComparer.Ordinal);
        foreach (var id in clusterIds ?? [.. sizes.Keys])
        {
            if (!sizes.TryGetValue(id, out var size)) continue;
            var series = new int[settings.History];
            foreach (var b in counts[id])
                if (b.Bucket >= first && b.Bucket <= current) series[b.Bucket - first] = b.Count;
            result[id] = new TrendWindow(series, (int)Math.Max(int.MinValue, size.FirstSeenMs / bucketMs - first));
        }
        return result;
    }
}
