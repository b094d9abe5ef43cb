using System.ComponentModel.DataAnnotations;
using BetterHarness.Models;

namespace BetterHarness.Clustering.Analyst;

/// <summary>
/// The optional LLM failure analyst, section <c>BetterHarness:Clustering:Analyst</c>. Off unless <see cref="Model"/> names a
/// Kind=openai model of <c>BetterHarness:Models</c>; then failure transcripts (their masked signatures) leave the machine.
/// </summary>
public sealed class AnalystOptions : IModelCallerOptions
{
    public const string Section = "BetterHarness:Clustering:Analyst";

    /// <summary>Name of a <c>BetterHarness:Models:NAME</c> with Kind=openai. Default empty: the analyst is off.</summary>
    public string? Model { get; set; }

    /// <summary>Share of failed traces analysed, chosen by a hash of the trace id (the same on every pass). Default 1.</summary>
    [Range(0.0, 1.0)] public double SampleRate { get; set; } = 1;

    /// <summary>Input + output tokens the analyst may spend per UTC day; when spent, no call until the next day. Default 200,000.</summary>
    [Range(1, long.MaxValue)] public long MaxTokensPerDay { get; set; } = 200_000;

    /// <summary>Characters of the failure's signature sent (the rest is cut). Default 2,000.</summary>
    [Range(100, 100_000)] public int MaxInputChars { get; set; } = 2_000;

    /// <summary>Most tokens the model may answer with. Default 60 (a reasoning model spends its thinking from this too: raise it for one).</summary>
    [Range(8, 1_000)] public int MaxOutputTokens { get; set; } = 60;

    /// <summary>Distinct failures asked about per pass. Default 20.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 20;

    /// <summary>Wait between passes. Default 30 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after a provider error before the next pass (the failed failure is asked again later). Default 2 min.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    public bool Enabled => !string.IsNullOrWhiteSpace(Model);
}
