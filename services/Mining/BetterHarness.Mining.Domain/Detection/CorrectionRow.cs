using BetterHarness.Corrections;
using Microsoft.ML.Data;

namespace BetterHarness.Mining.Domain.Detection;

/// <summary>One (assistant turn, user turn) pair as the ML.NET pipeline sees it, for training and scoring.</summary>
public sealed class CorrectionRow
{
    public bool Label { get; set; }

    /// <summary>Training weight: unanimous human labels count more than split votes.</summary>
    public float Weight { get; set; } = 1;

    public string User { get; set; } = "";

    [VectorType(CorrectionCues.VectorLength)]
    public float[] Cues { get; set; } = [];

    /// <summary>MiniLM embedding of the user turn (384 dimensions, unit length).</summary>
    [VectorType(384)]
    public float[] Embedding { get; set; } = [];
}

/// <summary>What the trained pipeline returns for a row.</summary>
public sealed class CorrectionOutput
{
    [ColumnName("PredictedLabel")] public bool PredictedLabel { get; set; }
    public float Probability { get; set; }
    public float Score { get; set; }
}
