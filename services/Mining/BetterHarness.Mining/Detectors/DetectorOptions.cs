using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Mining.Detectors;

/// <summary>Per-agent adapted correction detectors, section <c>BetterHarness:Mining:Detector</c>. Every field has a default.</summary>
public sealed class DetectorOptions
{
    public const string Section = "BetterHarness:Mining:Detector";

    /// <summary>Person labels an agent needs before an adapted detector is trained. Default 30.</summary>
    [Range(2, 100_000)] public int MinLabels { get; set; } = 30;

    /// <summary>Corrections (and as many non-corrections) among them. Default 5.</summary>
    [Range(1, 100_000)] public int MinPositives { get; set; } = 5;

    /// <summary>How often the background job looks for agents with new labels. Default 5 min.</summary>
    public TimeSpan TrainInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cross-validation folds (grouped by conversation). Default 5.</summary>
    [Range(2, 20)] public int Folds { get; set; } = 5;

    /// <summary>Penalty on moving the shipped model's weight and the bias. Default 0.1.</summary>
    [Range(0.0001, 1e6)] public double PriorPenalty { get; set; } = 0.1;

    /// <summary>Penalty on each cue weight. Default 1.</summary>
    [Range(0.0001, 1e6)] public double CuePenalty { get; set; } = 1;

    /// <summary>How far back an agent's conversations are scored again when its active detector changes (missed corrections
    /// become candidates, candidates that no longer qualify are withdrawn). Default 7 days; 00:01:00 to 365 days.</summary>
    public TimeSpan RescoreWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Penalty on each embedding weight. Default 3.</summary>
    [Range(0.0001, 1e6)] public double EmbeddingPenalty { get; set; } = 3;
}
