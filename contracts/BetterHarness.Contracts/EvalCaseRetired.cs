namespace BetterHarness.Contracts;

/// <summary>
/// Fact: a case left its agent's active eval set (saturated or obsolete). Its history stays readable at
/// <c>GET /api/evals/{CaseId}</c>; snapshots taken before keep it.
/// </summary>
public sealed record EvalCaseRetired
{
    /// <summary>Case id in the eval store.</summary>
    public required string CaseId { get; init; }
    /// <summary>The agent whose eval set held the case.</summary>
    public required string Agent { get; init; }
    /// <summary>The retired revision.</summary>
    public required int Revision { get; init; }
    /// <summary>Why the curator retired it.</summary>
    public required string Reason { get; init; }
    /// <summary>Who retired it.</summary>
    public required string Actor { get; init; }
    /// <summary>The first snapshot of the agent's active set without this case.</summary>
    public required string SnapshotId { get; init; }
    /// <summary>When it was retired, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
