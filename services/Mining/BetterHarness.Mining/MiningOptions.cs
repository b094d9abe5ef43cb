using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Mining;

/// <summary>Mining settings, section <c>BetterHarness:Mining</c>. Every field has a default.</summary>
public sealed class MiningOptions
{
    public const string Section = "BetterHarness:Mining";

    /// <summary>MiniLM cosine at or above which a new candidate with the same tags merges into an existing one. Default 0.9.</summary>
    [Range(0.5, 1.0)] public double DedupSimilarity { get; set; } = 0.9;

    /// <summary>Overrides the shipped detector threshold (0..1). Default: the threshold chosen at training.</summary>
    [Range(0.0, 1.0)] public double? CorrectionThreshold { get; set; }

    /// <summary>Mine a failed tool call the agent later repeated successfully (no user correction). Default true.</summary>
    public bool MineToolFailureRecoveries { get; set; } = true;

    /// <summary>Extra redaction patterns, placeholder kind → .NET regex (e.g. <c>EMPLOYEE_ID: "E\d{6}"</c>). Default none.</summary>
    public Dictionary<string, string> RedactPatterns { get; set; } = [];

    /// <summary>Base URL of ingest's API, read for the conversation of a labelled trace mining never received. Default: this
    /// process's own API listener (embedded mode).</summary>
    public string? IngestUrl { get; set; }

    /// <summary>API key sent to <see cref="IngestUrl"/>. Default: the in-process key (embedded) or the first configured key.</summary>
    public string? IngestApiKey { get; set; }

    /// <summary>Digest batches processed at once. Default 1 (the embedder uses both cores per call).</summary>
    [Range(1, 64)] public int ConcurrentMessageLimit { get; set; } = 1;
}
