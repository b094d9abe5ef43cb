using System.ComponentModel.DataAnnotations;
using BetterHarness.Models;

namespace BetterHarness.Mining.Judging;

/// <summary>
/// The optional model judge of user turns, section <c>BetterHarness:Mining:Judge</c>: the failure analyst's model
/// configuration, sampling, budget, cache and back-off, asked whether a turn the detector was unsure of corrects the agent.
/// Off unless <see cref="Model"/> names a Kind=openai model of <c>BetterHarness:Models</c>; then those turns leave the machine.
/// </summary>
public sealed class JudgeOptions : IModelCallerOptions
{
    public const string Section = "BetterHarness:Mining:Judge";

    /// <summary>Name of a <c>BetterHarness:Models:NAME</c> with Kind=openai. Default empty: the judge is off.</summary>
    public string? Model { get; set; }

    /// <summary><c>band</c>: only turns whose detector score lies in [<see cref="BandLow"/>, <see cref="BandHigh"/>]; <c>all</c>: every
    /// scored turn. Default band.</summary>
    [RegularExpression("^(band|all)$")] public string Scope { get; set; } = "band";

    /// <summary>Lower end of the uncertainty band. Default 0.2.</summary>
    [Range(0.0, 1.0)] public double BandLow { get; set; } = 0.2;

    /// <summary>Upper end of the uncertainty band. Default 0.8.</summary>
    [Range(0.0, 1.0)] public double BandHigh { get; set; } = 0.8;

    /// <summary>Share of traces whose turns are judged, chosen by a hash of the trace id (the same on every pass). Default 1.</summary>
    [Range(0.0, 1.0)] public double SampleRate { get; set; } = 1;

    /// <summary>Input + output tokens the judge may spend per UTC day; when spent, no call until the next day. Default 200,000.</summary>
    [Range(1, long.MaxValue)] public long MaxTokensPerDay { get; set; } = 200_000;

    /// <summary>Characters of the two turns sent (the rest is cut). Default 2,000.</summary>
    [Range(200, 100_000)] public int MaxInputChars { get; set; } = 2_000;

    /// <summary>Most tokens the model may answer with. Default 16 (raise it for a reasoning model).</summary>
    [Range(1, 1_000)] public int MaxOutputTokens { get; set; } = 16;

    /// <summary>Turns asked about per pass. Default 20.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 20;

    /// <summary>Wait between passes. Default 30 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after a provider error before that turn is asked again, doubling with each error up to a day. Default 2 min.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    public bool Enabled => !string.IsNullOrWhiteSpace(Model);

    /// <summary>Whether a turn with this detector score is judged.</summary>
    public bool Judges(double score) => Scope == "all" || (score >= BandLow && score <= BandHigh);
}
