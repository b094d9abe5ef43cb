namespace BetterHarness.Models.Simulated;

/// <summary>
/// How the simulated model behaves (docs/simulated-model.md). The defaults were set from the model's own logic
/// (what a rule, a tool description and an instruction length should do), not fitted to any eval set.
/// </summary>
public sealed record SimulatedModelOptions
{
    /// <summary>Seed of the noise: the same seed, request and <c>ChatOptions.Seed</c> give the same answer. Default 7.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Standard deviation of the noise added to every decision score at temperature 1. Default 0.08.</summary>
    public double Noise { get; init; } = 0.08;

    /// <summary>Situation match × salience (plus noise) a rule needs to be followed. Default 0.45.</summary>
    public double FollowThreshold { get; init; } = 0.45;

    /// <summary>Similarity of the request to a tool's name and description needed to call it unprompted. Default 0.35.</summary>
    public double ToolThreshold { get; init; } = 0.35;

    /// <summary>Instructions up to this many words keep full salience. Default 1,000.</summary>
    public int SalienceFreeWords { get; init; } = 1000;

    /// <summary>Beyond the free words, salience = (free / words)^exponent. Default 0.5.</summary>
    public double SalienceExponent { get; init; } = 0.5;

    /// <summary>Pretend model latency per call, for demos. Default 0.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    public void Validate()
    {
        if (Noise is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Noise), Noise, "must be between 0 and 1");
        if (FollowThreshold is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(FollowThreshold), FollowThreshold, "must be between 0 and 1");
        if (ToolThreshold is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(ToolThreshold), ToolThreshold, "must be between 0 and 1");
        if (SalienceFreeWords < 1) throw new ArgumentOutOfRangeException(nameof(SalienceFreeWords), SalienceFreeWords, "must be at least 1");
        if (SalienceExponent < 0) throw new ArgumentOutOfRangeException(nameof(SalienceExponent), SalienceExponent, "must not be negative");
        if (Latency < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Latency), Latency, "must not be negative");
    }
}
