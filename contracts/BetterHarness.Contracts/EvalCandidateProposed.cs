namespace BetterHarness.Contracts;

/// <summary>
/// Fact: the mining service stored a candidate eval case (new, or a near-duplicate merged into an
/// existing one) for curators. Carries ids and a summary only; the case itself is read from the mining
/// store (<c>GET /api/candidates/{CandidateId}</c>). Published after the candidate is stored; a redelivered
/// digest may publish the same fact again, so consumers upsert on <see cref="CandidateId"/>.
/// </summary>
public sealed record EvalCandidateProposed
{
    /// <summary>Candidate id (<c>cand_…</c>).</summary>
    public required string CandidateId { get; init; }
    /// <summary>The trace this publication was caused by.</summary>
    public required string TraceId { get; init; }
    /// <summary>Digest revision of <see cref="TraceId"/> that was mined.</summary>
    public required int Revision { get; init; }
    /// <summary>True when the trace merged into an existing candidate instead of creating one.</summary>
    public required bool Merged { get; init; }
    /// <summary>Source traces the candidate now has (1 for a new candidate).</summary>
    public required int SupportCount { get; init; }
    /// <summary>One line for a review queue, already redacted.</summary>
    public required string Summary { get; init; }
    /// <summary>Behaviour tags (tool_selection, followup_quality, multi_step, instruction_following, …).</summary>
    public required IReadOnlyList<string> Tags { get; init; }
    /// <summary>Failure cluster of the source trace, when clustering had assigned one.</summary>
    public string? ClusterId { get; init; }
    /// <summary>When the candidate was stored or merged, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
