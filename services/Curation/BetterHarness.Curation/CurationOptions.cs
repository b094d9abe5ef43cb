using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Curation;

/// <summary>Curation settings, section <c>BetterHarness:Curation</c>. Every field has a default.</summary>
public sealed class CurationOptions
{
    public const string Section = "BetterHarness:Curation";

    /// <summary>Share of each category's cases that goes to the holdout side. Default 0.3 (70/30).</summary>
    [Range(0.05, 0.95)] public double HoldoutFraction { get; set; } = 0.3;

    /// <summary>
    /// Cosine (MiniLM, user turns of the conversation) at or above which a new case counts as the same situation as a
    /// stored one and joins its group's side of the split. Default 0.9, chosen on half of the tau-bench sample's tasks
    /// (docs/curation.md, "The split").
    /// </summary>
    [Range(0.5, 1.0)] public double SituationSimilarity { get; set; } = 0.9;

    /// <summary>How long a reviewer holds a queue item. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")] public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Accepts from distinct reviewers an item needs before it enters the eval store (N-reviewer mode). Default 1.</summary>
    [Range(1, 10)] public int RequiredAccepts { get; set; } = 1;

    /// <summary>Auto-accept candidates without a curator (off by default).</summary>
    public bool AutoAccept { get; set; }

    /// <summary>Auto-accept: minimum source traces. Default 3.</summary>
    [Range(1, 1_000_000)] public int AutoAcceptMinSupport { get; set; } = 3;

    /// <summary>Auto-accept: minimum correction-detector score (0..1) of the case's strongest correction. Default 0.8.</summary>
    [Range(0.0, 1.0)] public double AutoAcceptMinDetectorScore { get; set; } = 0.8;
}
