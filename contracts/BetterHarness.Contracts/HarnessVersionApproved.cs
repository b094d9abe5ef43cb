namespace BetterHarness.Contracts;

/// <summary>
/// Fact: a person approved a harness version and it is now the agent's current harness, served by
/// <c>GET /api/harness/current?agent={Agent}</c>. Consumers upsert on (<see cref="Agent"/>, <see cref="Version"/>).
/// </summary>
public sealed record HarnessVersionApproved
{
    /// <summary>The agent whose current harness changed.</summary>
    public required string Agent { get; init; }
    /// <summary>The version now current.</summary>
    public required int Version { get; init; }
    /// <summary>The version that was current before, if any.</summary>
    public int? PreviousVersion { get; init; }
    /// <summary>The optimisation run that produced it, when it came from one.</summary>
    public string? OptimizationId { get; init; }
    /// <summary>Who approved it (account or API key name).</summary>
    public required string ApprovedBy { get; init; }
    /// <summary>When, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
