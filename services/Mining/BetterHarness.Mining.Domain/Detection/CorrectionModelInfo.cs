namespace BetterHarness.Mining.Domain.Detection;

/// <summary>Written next to the model by the training tool: the decision threshold and how the model was measured.</summary>
public sealed record CorrectionModelInfo
{
    public required double Threshold { get; init; }
    /// <summary>Factor the cue features were scaled by at training (see <see cref="CorrectionFeaturizer"/>).</summary>
    public float CueScale { get; init; } = 1;
    public required DateTimeOffset TrainedAt { get; init; }
    public required IReadOnlyList<string> CueNames { get; init; }
    public required int TrainingRows { get; init; }
    public required IReadOnlyDictionary<string, DetectorMetrics> HeldOut { get; init; }
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
