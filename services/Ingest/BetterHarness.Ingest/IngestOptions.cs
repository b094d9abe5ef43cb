using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Ingest;

/// <summary>Ingest settings, section <c>BetterHarness:Ingest</c>. Every field has a default.</summary>
public sealed class IngestOptions
{
    public const string Section = "BetterHarness:Ingest";

    /// <summary>OTLP/gRPC listen address (HTTP/2 only, h2c). Default <c>127.0.0.1:4317</c>.</summary>
    [Required] public string OtlpGrpcEndpoint { get; set; } = "127.0.0.1:4317";

    /// <summary>OTLP/HTTP listen address (<c>POST /v1/traces</c>, <c>POST /v1/feedback</c>). Default <c>127.0.0.1:4318</c>.</summary>
    [Required] public string OtlpHttpEndpoint { get; set; } = "127.0.0.1:4318";

    /// <summary>Largest request body accepted, after decompression. Default 64 MiB.</summary>
    [Range(1024, long.MaxValue)] public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Request bytes admitted at once; beyond it requests get 429/UNAVAILABLE with Retry-After. Default 256 MiB.</summary>
    [Range(1024, long.MaxValue)] public long MaxInFlightBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>String attribute values longer than this are truncated with a marker. Default 64 KiB.</summary>
    [Range(256, int.MaxValue)] public int MaxAttributeValueBytes { get; set; } = 64 * 1024;

    /// <summary>A trace completes once its root span has ended and no span arrived for this long. Default 3 s.</summary>
    public TimeSpan QuietWindow { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A trace completes after this long even when its root never ends. Default 5 min.</summary>
    public TimeSpan MaxTraceAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the completion sweep looks for due traces. Default 250 ms.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Most digests in one published <c>TracesFlagged</c> message. Default 100.</summary>
    [Range(1, 10_000)] public int DigestBatchSize { get; set; } = 100;

    /// <summary>
    /// In-memory transport only: at start, digests published within this window before the last publish are
    /// published again, because
    /// messages that sat in the in-memory queues when the process stopped are gone. Consumers are
    /// idempotent, so a repeat costs nothing. Default 15 min.
    /// </summary>
    public TimeSpan RedriveWindowOnStart { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Publish failed or corrected eval-run traces (resource attribute <c>betterharness.origin = eval_run</c>) to
    /// clustering and mining like production traffic. Off by default: an eval run replays known cases, and its
    /// failures would otherwise form production failure clusters and be mined back as new candidates. Default false.
    /// </summary>
    public bool IncludeEvalRunTraces { get; set; }

    /// <summary>
    /// Attribute every completed trace to a harness version of its agent (explicit attribute, exact content, near-match;
    /// else unknown). Off only to measure its cost: production figures and canary rollouts need it. Default true.
    /// </summary>
    public bool HarnessAttribution { get; set; } = true;

    /// <summary>
    /// Jaccard similarity (word 3-shingles of instructions and tool descriptions) a trace needs to a version for a
    /// near-match, 0.5–1 (1 = exact matches only). Default 0.8.
    /// </summary>
    [Range(0.5, 1.0)] public double HarnessNearMatchThreshold { get; set; } = 0.8;

    /// <summary>
    /// Clustering's API base URL, for cluster labels in the per-version comparison. Default: this process's own API
    /// listener (embedded mode); set it in distributed mode.
    /// </summary>
    [Url] public string? ClusteringBaseUrl { get; set; }

    /// <summary>Seconds a throttled client is told to wait (Retry-After). Default 1.</summary>
    [Range(1, 3600)] public int RetryAfterSeconds { get; set; } = 1;
}
