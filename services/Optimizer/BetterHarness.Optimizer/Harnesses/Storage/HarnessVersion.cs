using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Harnesses.Storage;

/// <summary>A stored harness version.</summary>
public sealed record HarnessVersion(string Agent, int Version, int? ParentVersion, string Author, string Reason,
    HarnessDocument Document, string ContentHash, DateTimeOffset CreatedAt)
{
    /// <summary>Stable public id of the version: <c>hv_</c> + agent + version, URL-safe.</summary>
    public string HarnessId => HarnessIds.Of(Agent, Version);

    /// <summary>The model the optimisation that produced this version validated it with; null when none did.</summary>
    public ValidatedWith? ValidatedWith { get; init; }
}

/// <summary>Provenance of a version's validation: the configured model's name and whether its kind is <c>simulated</c>
/// (labelled by kind, not by name: a simulated model called "gpt-4o" is still a simulation).</summary>
public sealed record ValidatedWith(string Model, bool Simulated);

public static class HarnessIds
{
    public static string Of(string agent, int version) => $"hv_{Uri.EscapeDataString(agent)}_v{version}";
}

/// <summary>What the current-version endpoint serves, with the ETag a poller sends back.</summary>
public sealed record CurrentHarness(HarnessVersion Version, DateTimeOffset ChangedAt, string ChangedBy)
{
    public string ETag => $"\"{Version.Agent.Length}-{Version.Version}-{Version.ContentHash[..16]}\"";
}
