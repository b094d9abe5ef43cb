namespace BetterHarness.Optimizer.Domain.Models.Simulation;

/// <summary>
/// How the simulated model behaves (docs/simulated-model.md). Every knob has a default that gives a
/// baseline with room to climb on mined cases; tests set them explicitly.
/// </summary>
public sealed record SimulatedModelOptions
{
    /// <summary>Seed of the noise: the same seed, harness and case give the same run. Default 7.</summary>
    public int Seed { get; init; } = 7;
    /// <summary>Probability that a (case, trial) outcome flips from right to wrong or back. Default 0.05.</summary>
    public double FlipRate { get; init; } = 0.05;
    /// <summary>Relevance × salience an instruction needs to be followed. Default 0.45.</summary>
    public double FollowThreshold { get; init; } = 0.45;
    /// <summary>Instructions up to this many words keep full salience. Default 400.</summary>
    public int SalienceFreeWords { get; init; } = 400;
    /// <summary>Beyond the free words, salience = (free / words)^exponent. Default 0.25.</summary>
    public double SalienceExponent { get; init; } = 0.25;
    /// <summary>Relevance of an instruction that quotes one of the case's literal values (ids, codes, numbers). Default 0.95.</summary>
    public double LiteralRelevance { get; init; } = 0.95;
    /// <summary>Pretend model latency per call, for demos. Default 0.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    public void Validate()
    {
        if (FlipRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(FlipRate), FlipRate, "must be between 0 and 1");
        if (FollowThreshold is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(FollowThreshold), FollowThreshold, "must be between 0 and 1");
        if (SalienceFreeWords < 1) throw new ArgumentOutOfRangeException(nameof(SalienceFreeWords), SalienceFreeWords, "must be at least 1");
        if (SalienceExponent < 0) throw new ArgumentOutOfRangeException(nameof(SalienceExponent), SalienceExponent, "must not be negative");
    }
}
