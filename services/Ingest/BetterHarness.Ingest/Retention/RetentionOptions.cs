using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Ingest.Retention;

/// <summary>
/// How long raw traces are kept, section <c>BetterHarness:Retention</c>. Age counts from a trace's last evaluation (its
/// last span or feedback), not from the timestamps its spans carry. Derived data (clusters, candidates, eval cases)
/// keeps its own copy and is not touched; traces a pending candidate or an accepted case pins are kept.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "BetterHarness:Retention";

    /// <summary>Days a trace is kept (fractions allowed; 0 = forever). Default 30.</summary>
    [Range(0, 36_500)] public double Traces { get; set; } = 30;

    /// <summary>Per-agent days, overriding <see cref="Traces"/> for traces whose agent (or, without one, service) has this
    /// name, e.g. <c>BetterHarness:Retention:Agents:airline = 90</c>. Same range. Default none.</summary>
    public Dictionary<string, double> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often a retention pass runs (the first one a minute after start). Default 1 hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Traces deleted per transaction: small enough that ingest never waits long for the write lock. Default 200.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 200;

    /// <summary>The settings' problems, empty when valid (checked at start-up).</summary>
    public IEnumerable<string> Problems()
    {
        if (Interval < TimeSpan.FromSeconds(1)) yield return "BetterHarness:Retention:Interval must be at least 1 second";
        foreach (var (agent, days) in Agents)
        {
            if (string.IsNullOrWhiteSpace(agent)) yield return "BetterHarness:Retention:Agents has an empty agent name";
            if (days is < 0 or > 36_500 || double.IsNaN(days))
                yield return $"BetterHarness:Retention:Agents:{agent} must be 0 (forever) to 36500 days, not {days}";
        }
    }
}
