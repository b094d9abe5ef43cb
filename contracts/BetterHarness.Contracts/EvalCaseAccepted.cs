namespace BetterHarness.Contracts;

/// <summary>
/// Fact: a case entered the eval store (accepted by a curator, auto-accepted by policy, or imported). Published
/// by the curation service after the case is stored; the case itself is at <c>GET /api/evals/{CaseId}</c>.
/// Consumers upsert on (<see cref="CaseId"/>, <see cref="Revision"/>).
/// </summary>
public sealed record EvalCaseAccepted
{
    /// <summary>Case id in the eval store (<c>case_…</c>, or the id an imported case carried).</summary>
    public required string CaseId { get; init; }
    /// <summary>The agent whose eval set holds the case.</summary>
    public required string Agent { get; init; }
    /// <summary>Revision stored (1 for a new case).</summary>
    public required int Revision { get; init; }
    /// <summary>Primary behaviour category (the stratum of the split).</summary>
    public required string Category { get; init; }
    /// <summary><c>optimization</c> or <c>holdout</c>; never changes once assigned.</summary>
    public required string Split { get; init; }
    /// <summary>Member of the must-pass regression subset.</summary>
    public required bool MustPass { get; init; }
    /// <summary>The candidate the case was accepted from (none for an imported case).</summary>
    public string? SourceCandidateId { get; init; }
    /// <summary>True when the auto-accept policy accepted it without a curator.</summary>
    public required bool AutoAccepted { get; init; }
    /// <summary>Who accepted it (account, API key name, <c>local-admin</c> or <c>auto-accept</c>).</summary>
    public required string Actor { get; init; }
    /// <summary>The snapshot of the agent's active set that first includes this revision.</summary>
    public required string SnapshotId { get; init; }
    /// <summary>When it was stored, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
