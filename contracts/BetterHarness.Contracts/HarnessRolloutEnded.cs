namespace BetterHarness.Contracts;

/// <summary>
/// Fact: a canary rollout of a harness version ended — promoted (the version is now current) or rolled back (the
/// current version serves every unit again), by a person or automatically. Consumers upsert on <see cref="RolloutId"/>.
/// </summary>
public sealed record HarnessRolloutEnded
{
    /// <summary>The rollout's id (<c>GET /api/harnesses/{Agent}/rollouts</c>).</summary>
    public required string RolloutId { get; init; }
    /// <summary>The agent whose harness was rolled out.</summary>
    public required string Agent { get; init; }
    /// <summary>The canary's version.</summary>
    public required int Version { get; init; }
    /// <summary>The version that was current while the canary ran.</summary>
    public required int BaselineVersion { get; init; }
    /// <summary><c>promoted</c> or <c>rolled_back</c>.</summary>
    public required string State { get; init; }
    /// <summary>Why, as a sentence (the sequential test's finding for an automatic rollback).</summary>
    public required string Reason { get; init; }
    /// <summary>Who decided: an account, an API key, or <c>rollout-monitor</c>.</summary>
    public required string DecidedBy { get; init; }
    /// <summary>When, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
