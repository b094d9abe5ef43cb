namespace BetterHarness.Models;

/// <summary>
/// What a background model caller (clustering's failure analyst, mining's correction judge) is configured with: a model of
/// <c>BetterHarness:Models</c>, a daily token budget with a cap on each answer, and the timings of its passes.
/// </summary>
public interface IModelCallerOptions
{
    /// <summary>Name of a <c>BetterHarness:Models:NAME</c> with Kind=openai; empty: the caller is off.</summary>
    string? Model { get; }

    /// <summary>Input + output tokens the caller may spend per UTC day.</summary>
    long MaxTokensPerDay { get; }

    /// <summary>Most tokens the model may answer with (what a call costs at most beyond its prompt).</summary>
    int MaxOutputTokens { get; }

    /// <summary>Wait between passes.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>Wait after a provider error before that item is asked again (doubling, see <see cref="RetryBackoff"/>).</summary>
    TimeSpan RetryDelay { get; }

    /// <summary>Whether a model is named: off otherwise.</summary>
    bool Enabled { get; }
}
