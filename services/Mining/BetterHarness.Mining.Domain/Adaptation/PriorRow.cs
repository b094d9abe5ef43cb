namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>
/// One pair as the adapted detector sees it: the shipped model's calibrated log-odds (the prior), the cue features (unscaled,
/// 0..1) and the MiniLM vector of the user turn.
/// </summary>
public sealed record PriorRow(double Logit, float[] Cues, float[] Embedding)
{
    /// <summary>Length of <see cref="Features"/>: the prior's log-odds, the cues, the embedding.</summary>
    public int Width => 1 + Cues.Length + Embedding.Length;

    public double Feature(int j) => j == 0 ? Logit : j <= Cues.Length ? Cues[j - 1] : Embedding[j - 1 - Cues.Length];
}
