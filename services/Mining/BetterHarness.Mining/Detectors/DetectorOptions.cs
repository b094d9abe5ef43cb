using System.ComponentModel.DataAnnotations;
using BetterHarness.Mining.Domain.Adaptation;

namespace BetterHarness.Mining.Detectors;

/// <summary>Per-agent adapted correction detectors, section <c>BetterHarness:Mining:Detector</c>. Every field has a default.</summary>
public sealed class DetectorOptions
{
    public const string Section = "BetterHarness:Mining:Detector";

    /// <summary>Person labels an agent needs before an adapted detector is trained. Default 20 (chosen on a choice split of
    /// the airline tasks: docs/correction-detector.md).</summary>
    [Range(2, 100_000)] public int MinLabels { get; set; } = 20;

    /// <summary>Corrections (and as many non-corrections) among them. Default 3.</summary>
    [Range(1, 100_000)] public int MinPositives { get; set; } = 3;

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

    /// <summary>A directory holding <c>correction-model.zip</c> and <c>correction-model.json</c> written by the training tool, used
    /// instead of the embedded model as every agent's starting point (the prior). Default: none (the embedded model).</summary>
    public string? ShippedModelDir { get; set; }

    /// <summary>When a pass's adapted model replaces the shipped one: <c>Estimate</c> (its cross-validated F1 on the agent's labels
    /// is higher) or <c>Interval</c> (a 95% bootstrap puts the gain above zero). Default Estimate.</summary>
    public SwitchRule Switch { get; set; } = SwitchRule.Estimate;

    /// <summary>What an agent's threshold maximises on its labels: <c>F1</c> or <c>Balanced</c> (the smaller of precision and
    /// recall). Default F1.</summary>
    public ThresholdObjective ThresholdObjective { get; set; } = ThresholdObjective.F1;

    /// <summary>Penalty on each embedding weight. Default 3.</summary>
    [Range(0.0001, 1e6)] public double EmbeddingPenalty { get; set; } = 3;
}
