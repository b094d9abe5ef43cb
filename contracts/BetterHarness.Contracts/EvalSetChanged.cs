namespace BetterHarness.Contracts;

/// <summary>
/// Fact: an agent's active eval set changed (cases accepted, edited, retired or imported) and the new set was
/// frozen as an immutable snapshot (<c>GET /api/evals/snapshots/{SnapshotId}/export</c>). One per action,
/// however many cases a bulk action touched. Eval and optimiser runs refer to snapshot ids.
/// </summary>
public sealed record EvalSetChanged
{
    /// <summary>The new snapshot (<c>snap_…</c>); it never changes.</summary>
    public required string SnapshotId { get; init; }
    /// <summary>The agent whose set changed.</summary>
    public required string Agent { get; init; }
    /// <summary>The agent's snapshot before this one, if any.</summary>
    public string? PreviousSnapshotId { get; init; }
    /// <summary>What changed it: <c>accept</c>, <c>edit</c>, <c>retire</c>, <c>import</c> or <c>bulk-accept</c>.</summary>
    public required string Action { get; init; }
    /// <summary>Active cases in the snapshot.</summary>
    public required int CaseCount { get; init; }
    /// <summary>Who changed it.</summary>
    public required string Actor { get; init; }
    /// <summary>When the snapshot was taken, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
