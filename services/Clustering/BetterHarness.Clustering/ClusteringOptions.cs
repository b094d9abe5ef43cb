using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Clustering;

/// <summary>Clustering settings, section <c>BetterHarness:Clustering</c>. Every field has a default.</summary>
public sealed class ClusteringOptions
{
    public const string Section = "BetterHarness:Clustering";

    /// <summary>Features failures are grouped on: <c>behaviour</c> (MiniLM plus the signature's structure: signal kinds, the
    /// agent's last move, the tools it acted on), <c>embedding</c> (MiniLM), <c>tfidf</c> or <c>combined</c>. Default behaviour
    /// (the best in the measurements in docs/clustering.md).</summary>
    [RegularExpression("^(?i)(behaviour|behavior|embedding|tfidf|tf-idf|combined)$", ErrorMessage = "Features must be behaviour, embedding, tfidf or combined.")]
    public string Features { get; set; } = "behaviour";

    /// <summary>Cosine similarity to the nearest centroid at which a new failure joins that cluster online;
    /// below it the failure waits, unassigned, for the next re-clustering. Default 0.6.</summary>
    [Range(0.0, 1.0)] public double AssignThreshold { get; set; } = 0.6;

    /// <summary>Least time between periodic re-clusterings. Default 10 min.</summary>
    public TimeSpan ReclusterInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A periodic re-clustering runs only when at least this many failures arrived since the last. Default 50.</summary>
    [Range(1, int.MaxValue)] public int MinNewFailures { get; set; } = 50;

    /// <summary>How the number of clusters is decided: <c>linkage</c> (average linkage cut at <see cref="MaxDistance"/>, then
    /// k-means steps; small groups pooled as outliers) or <c>silhouette</c> (KMeans, k by silhouette). Default linkage.</summary>
    [RegularExpression("^(?i)(linkage|silhouette)$", ErrorMessage = "Grouping must be linkage or silhouette.")]
    public string Grouping { get; set; } = "linkage";

    /// <summary>Cosine distance (1 − similarity) at which average linkage stops merging groups. Default 0.3.</summary>
    [Range(0.01, 2.0)] public double MaxDistance { get; set; } = 0.3;

    /// <summary>Groups with fewer failures go to the outlier cluster, except failures within <see cref="MaxDistance"/> of a kept
    /// cluster's centroid, which join it (linkage only). Default 3.</summary>
    [Range(1, 1000)] public int MinClusterSize { get; set; } = 3;

    /// <summary>Smallest number of clusters k is chosen from (when there are that many distinct signatures). Default 2.</summary>
    [Range(1, 1000)] public int MinClusters { get; set; } = 2;

    /// <summary>Largest number of clusters k is chosen from. Default 50.</summary>
    [Range(2, 1000)] public int MaxClusters { get; set; } = 50;

    /// <summary>Distinct signatures sampled to choose k by silhouette. Default 1500.</summary>
    [Range(50, 20_000)] public int SilhouetteSample { get; set; } = 1500;

    /// <summary>Member overlap (Jaccard) at which a re-clustered group keeps an old cluster id. Default 0.5.</summary>
    [Range(0.0, 1.0)] public double MinJaccard { get; set; } = 0.5;

    /// <summary>Length of a trend bucket. Default 1 h.</summary>
    public TimeSpan TrendBucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A bucket at least this many times its cluster's mean is a spike. Default 3.</summary>
    [Range(1.0, 1000.0)] public double SpikeFactor { get; set; } = 3;

    /// <summary>…and with at least this many failures. Default 10.</summary>
    [Range(1, int.MaxValue)] public int SpikeMinCount { get; set; } = 10;

    /// <summary>A new cluster raises <c>FailureClusterEmerged</c> from this size on. Default 3.</summary>
    [Range(1, int.MaxValue)] public int EmergedMinSize { get; set; } = 3;

    /// <summary>URL that receives every alert as JSON (POST). Default: none.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Attempts per webhook alert (retries back off 1 s, 2 s, 4 s, …). Default 5.</summary>
    [Range(1, 20)] public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first webhook retry; doubles each time. Default 1 s.</summary>
    public TimeSpan WebhookBackoff { get; set; } = TimeSpan.FromSeconds(1);
}
