namespace BetterHarness.Mining.Domain.Detection;

/// <summary>Written next to the model by the training tool: the decision threshold, the calibration and how the model was measured.</summary>
public sealed record CorrectionModelInfo
{
    /// <summary>Decision threshold on <see cref="CorrectionVerdict.Score"/>; 0.5 when the calibration is decision-centred.</summary>
    public required double Threshold { get; init; }
    /// <summary>Factor the cue features were scaled by at training (see <see cref="CorrectionFeaturizer"/>).</summary>
    public float CueScale { get; init; } = 1;
    /// <summary>Whether the turns were embedded with their values masked (<see cref="ValueMask"/>).</summary>
    public bool MaskValues { get; init; }
    /// <summary>
    /// Platt calibration of the linear model's raw score: score = σ(slope · raw + offset). The offset already
    /// includes −logit(t) for the threshold t chosen by cross-validation, so score 0.5 is the decision boundary.
    /// A slope of 0 means "no calibration": the pipeline's own probability is the score.
    /// </summary>
    public double CalibrationSlope { get; init; }
    public double CalibrationOffset { get; init; }
    public required DateTimeOffset TrainedAt { get; init; }
    public required IReadOnlyList<string> CueNames { get; init; }
    public required int TrainingRows { get; init; }
    /// <summary>How a EURTAD turn became a positive, and what the hand labels mean (docs/correction-detector.md).</summary>
    public string? LabelDefinition { get; init; }
    /// <summary>Precision/recall/F1 on the fixed held-out dialogues (model fitted without them).</summary>
    public required IReadOnlyDictionary<string, DetectorMetrics> HeldOut { get; init; }
    /// <summary>Grouped (by dialogue) k-fold cross-validation over all labelled data: mean ± sd per source.</summary>
    public IReadOnlyDictionary<string, CrossValidatedMetrics>? CrossValidation { get; init; }
}

/// <summary>Precision/recall/F1 on one held-out set, at the shipped threshold.</summary>
public sealed record DetectorMetrics(int Positives, int Negatives, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : TruePositives / (double)(TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : TruePositives / (double)(TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static DetectorMetrics From(IReadOnlyList<(bool Truth, bool Predicted)> results) => new(
        results.Count(r => r.Truth), results.Count(r => !r.Truth),
        results.Count(r => r.Truth && r.Predicted), results.Count(r => !r.Truth && r.Predicted),
        results.Count(r => r.Truth && !r.Predicted));
}

/// <summary>Mean and standard deviation over the folds, and the metrics of all out-of-fold predictions pooled.</summary>
public sealed record CrossValidatedMetrics(
    int Folds, double PrecisionMean, double PrecisionSd, double RecallMean, double RecallSd, double F1Mean, double F1Sd,
    DetectorMetrics Pooled);
