using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Models;

/// <summary>One configured model.</summary>
public sealed class ModelOptions
{
    /// <summary><c>openai</c> (any OpenAI-compatible Chat Completions endpoint), <c>http-agent</c> or <c>simulated</c>. Required.</summary>
    [Required, RegularExpression("^(openai|http-agent|simulated)$", ErrorMessage = "Kind must be openai, http-agent or simulated.")]
    public string Kind { get; set; } = "";

    /// <summary>openai: the API base (e.g. <c>https://api.openai.com/v1</c>, <c>http://127.0.0.1:11434/v1</c>); http-agent: the URL POSTed to.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Bearer key for the endpoint. Default: none (local servers).</summary>
    public string? ApiKey { get; set; }

    /// <summary>openai: the model id sent to the endpoint (e.g. <c>gpt-4o-mini</c>).</summary>
    public string? Model { get; set; }

    /// <summary>Requests in flight to this endpoint at once (shared by every model on the same BaseUrl). Default 4.</summary>
    [Range(1, 256)] public int MaxConcurrency { get; set; } = 4;

    /// <summary>Retries of a 429 / 5xx / timeout, honouring Retry-After. Default 6.</summary>
    [Range(0, 20)] public int MaxRetries { get; set; } = 6;

    /// <summary>Per-attempt timeout. Default 120 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Price per 1,000 input tokens, for the run's cost. Default 0.</summary>
    [Range(0, 1000)] public double CostPer1kInput { get; set; }

    /// <summary>Price per 1,000 output tokens. Default 0.</summary>
    [Range(0, 1000)] public double CostPer1kOutput { get; set; }

    /// <summary>simulated: noise seed. Default 7.</summary>
    public int Seed { get; set; } = 7;

    /// <summary>simulated: standard deviation of the noise on every decision at temperature 1. Default 0.08.</summary>
    [Range(0.0, 1.0)] public double Noise { get; set; } = 0.08;

    /// <summary>simulated: situation match × salience needed to follow an instruction rule. Default 0.45.</summary>
    [Range(0.0, 1.0)] public double FollowThreshold { get; set; } = 0.45;

    /// <summary>simulated: similarity of the request to a tool's description needed to call it unprompted. Default 0.35.</summary>
    [Range(0.0, 1.0)] public double ToolThreshold { get; set; } = 0.35;

    /// <summary>simulated: instructions up to this many words keep full salience. Default 1000.</summary>
    [Range(1, 1_000_000)] public int SalienceFreeWords { get; set; } = 1000;

    /// <summary>simulated: salience exponent beyond the free words. Default 0.5.</summary>
    [Range(0.0, 10.0)] public double SalienceExponent { get; set; } = 0.5;

    /// <summary>simulated: pretend latency per model call. Default 0.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    public bool Simulated => string.Equals(Kind, "simulated", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first thing wrong with this model's settings, or null.</summary>
    public string? Problem(string name) => Kind switch
    {
        "openai" when !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _) => $"BetterHarness:Models:{name}:BaseUrl must be an absolute URL",
        "openai" when string.IsNullOrWhiteSpace(Model) => $"BetterHarness:Models:{name}:Model is required for Kind=openai",
        "http-agent" when !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _) => $"BetterHarness:Models:{name}:BaseUrl must be an absolute URL",
        _ => null,
    };
}
